package io.wireingest.core.clean;

import java.util.Arrays;
import org.jsoup.safety.Safelist;

/**
 * The one safelist for every HTML body we emit: structure and inline emphasis, links and images over http(s) only, no
 * scripts, styles, frames, forms, event handlers or {@code javascript:}/{@code data:} URLs; links always get
 * {@code rel="nofollow noopener"}.
 */
public final class ArticleSafelist {
    private ArticleSafelist() {}

    /** A new safelist instance (jsoup safelists are mutable, so each caller gets its own). */
    public static Safelist create() {
        Safelist safelist = new Safelist()
                .addTags(
                        "p",
                        "br",
                        "h2",
                        "h3",
                        "h4",
                        "h5",
                        "h6",
                        "ul",
                        "ol",
                        "li",
                        "dl",
                        "dt",
                        "dd",
                        "blockquote",
                        "pre",
                        "code",
                        "em",
                        "strong",
                        "b",
                        "i",
                        "u",
                        "s",
                        "sub",
                        "sup",
                        "q",
                        "cite",
                        "small",
                        "a",
                        "table",
                        "caption",
                        "thead",
                        "tbody",
                        "tfoot",
                        "tr",
                        "th",
                        "td",
                        "figure",
                        "figcaption",
                        "img",
                        "hr",
                        "abbr",
                        "time")
                .addAttributes("a", "href", "title")
                .addAttributes("img", "src", "alt", "title", "width", "height")
                .addAttributes("blockquote", "cite")
                .addAttributes("q", "cite")
                .addAttributes("ol", "start")
                .addAttributes("th", "colspan", "rowspan", "scope")
                .addAttributes("td", "colspan", "rowspan")
                .addAttributes("abbr", "title")
                .addAttributes("time", "datetime")
                .addEnforcedAttribute("a", "rel", "nofollow noopener");
        for (String[] rule : PROTOCOLS) {
            safelist.addProtocols(rule[0], rule[1], Arrays.copyOfRange(rule, 2, rule.length));
        }
        return safelist;
    }

    /** URL attributes and the protocols they may use: tag, attribute, protocols. */
    private static final String[][] PROTOCOLS = {
        {"a", "href", "http", "https", "mailto"},
        {"img", "src", "http", "https"},
        {"blockquote", "cite", "http", "https"},
        {"q", "cite", "http", "https"},
    };

    /**
     * Whether the safelist checks the protocol of this (lower-case) tag's attribute: jsoup's {@code Cleaner} then
     * writes the attribute's value as an absolute URL (this safelist does not preserve relative links).
     */
    public static boolean checksProtocol(String tag, String attribute) {
        for (String[] rule : PROTOCOLS) {
            if (rule[0].equals(tag) && rule[1].equals(attribute)) {
                return true;
            }
        }
        return false;
    }
}
