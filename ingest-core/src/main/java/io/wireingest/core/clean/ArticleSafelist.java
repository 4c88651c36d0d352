package io.wireingest.core.clean;

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
        return new Safelist()
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
                .addProtocols("a", "href", "http", "https", "mailto")
                .addProtocols("img", "src", "http", "https")
                .addProtocols("blockquote", "cite", "http", "https")
                .addProtocols("q", "cite", "http", "https")
                .addEnforcedAttribute("a", "rel", "nofollow noopener");
    }
}
