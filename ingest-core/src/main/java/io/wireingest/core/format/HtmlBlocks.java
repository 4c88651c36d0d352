package io.wireingest.core.format;

import io.wireingest.core.model.Story;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.parser.TagSet;

/**
 * Copies the block structure of an HTML subtree into a story body: leaf blocks ({@code p}, headings, lists, quotes,
 * {@code pre}, tables, figures) are kept as they are; text standing loose in containers ({@code div}, {@code section})
 * becomes a paragraph; {@code br br} inside loose text splits paragraphs. Nothing is sanitized here: the normalizer
 * sanitizes what it emits.
 */
public final class HtmlBlocks {
    /** Blocks kept whole. */
    public static final Set<String> LEAF_BLOCKS =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table", "figure");

    /**
     * Elements whose content is never story text in an agency's body fragment. A web page has its own list,
     * {@code ExtractArticle.SKIP}: it keeps {@code form} (some sites wrap the whole page in one) and skips page widgets.
     */
    public static final Set<String> SKIP = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "iframe",
            "object",
            "embed",
            "svg",
            "canvas",
            "form",
            "button",
            "select",
            "textarea",
            "input",
            "nav",
            "head",
            "title",
            "meta",
            "link");

    /**
     * The HTML tags found on most pages, as a template for each parse's tag set. jsoup gives every parse a tag set of
     * its own and copies a known tag into it the first time the page uses it, working out the tag's parser options
     * (seven binary searches) on each copy: a few percent of a page's parse. Copying this template instead starts the
     * parse with these tags and their options; any other tag is still copied on first use, and unknown tags go into
     * the parse's own set only. Built once, from known tags only, and never changed after: read-only and safe to copy
     * from any thread.
     */
    static final TagSet COMMON_TAGS = commonTags();

    private static TagSet commonTags() {
        TagSet tags = TagSet.Html();
        for (String name : List.of(
                "html",
                "head",
                "body",
                "title",
                "meta",
                "link",
                "script",
                "style",
                "noscript",
                "div",
                "span",
                "a",
                "p",
                "img",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "ul",
                "ol",
                "li",
                "header",
                "nav",
                "footer",
                "main",
                "article",
                "section",
                "aside",
                "form",
                "input",
                "button",
                "label",
                "strong",
                "em",
                "b",
                "i",
                "time",
                "br",
                "figure",
                "figcaption",
                "iframe",
                "small",
                "hr",
                "blockquote")) {
            tags.get(name, Parser.NamespaceHtml); // pulls the known tag in from jsoup's defaults
        }
        tags.get("svg", Parser.NamespaceSvg);
        return tags;
    }

    private HtmlBlocks() {}

    /**
     * A parser for one HTML document or fragment, nesting at most {@code maxDepth} deep: {@link Parser#htmlParser()}
     * with its tag set copied from {@link #COMMON_TAGS} (same tags, same options, fewer per-parse copies).
     */
    static Parser parser(int maxDepth) {
        return Parser.htmlParser().setMaxDepth(maxDepth).tagSet(COMMON_TAGS);
    }

    /** Appends the blocks under {@code root} to the story body. */
    public static void copy(Element root, Story story) {
        Element loose = null;
        for (Node child : root.childNodes()) {
            if (child instanceof TextNode text) {
                if (!text.isBlank()) {
                    loose = loose == null ? story.body().appendElement("p") : loose;
                    loose.appendText(text.text());
                }
            } else if (child instanceof Element el) {
                String tag = el.normalName();
                if (SKIP.contains(tag)) {
                    continue;
                }
                if (LEAF_BLOCKS.contains(tag)) {
                    loose = null;
                    if (hasText(el)) {
                        story.body().appendChild(el.clone());
                    }
                } else if (tag.equals("br")) {
                    if (loose != null && loose.childNodeSize() > 0 && isBr(el.nextElementSibling())) {
                        loose = null;
                    } else if (loose != null) {
                        loose.appendChild(el.clone());
                    }
                } else if (el.isBlock() || containsBlock(el)) {
                    loose = null;
                    copy(el, story);
                } else {
                    loose = loose == null ? story.body().appendElement("p") : loose;
                    loose.appendChild(el.clone());
                }
            }
        }
    }

    private static boolean isBr(Element el) {
        return el != null && el.normalName().equals("br");
    }

    private static boolean hasText(Element el) {
        return !el.text().isBlank()
                || el.normalName().equals("figure")
                || !el.select("img").isEmpty();
    }

    private static boolean containsBlock(Element el) {
        for (Element child : el.children()) {
            if (child.isBlock()) {
                return true;
            }
        }
        return false;
    }
}
