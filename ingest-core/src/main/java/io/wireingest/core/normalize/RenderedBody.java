package io.wireingest.core.normalize;

import io.wireingest.core.clean.ArticleSafelist;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document.OutputSettings.Syntax;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * A sanitized body rendered as HTML and as {@link PlainText}, both in one walk over the tree; for most bodies the
 * same walk also sanitizes (see {@link #sanitizing}).
 *
 * <p>The HTML is exactly what jsoup's {@code Element.html()} gives for a body of a default document (UTF-8, base
 * entities, HTML syntax) without pretty printing; it is written here, for speed, because jsoup's generic printer and
 * escaper cost a third of normalizing. Only what a sanitized body can hold is written by hand: HTML-namespace elements,
 * their attributes and plain text nodes. Anything else (data or comment nodes, foreign elements, void elements with
 * children, nesting deeper than {@link #MAX_DEPTH}) makes the whole body go through jsoup instead.
 *
 * @param html the body's inner HTML
 * @param text the plain text, as {@link PlainText#of} gives it
 * @param charCount code points in the plain text
 * @param wordCount words in the plain text, as {@link PlainText#wordCount} counts them
 */
record RenderedBody(String html, String text, int charCount, int wordCount) {
    /** Deeper bodies go through jsoup, whose printer walks without recursion. */
    static final int MAX_DEPTH = 200;

    /**
     * Renders a sanitized body (the body element of a document with default output settings, no pretty printing).
     *
     * @param context the item whose time budget the rendering honours, or null for none
     * @throws RejectedException reason {@code timeout} when the item's time budget runs out
     */
    static RenderedBody of(Element body, ItemContext context) throws RejectedException {
        TimeBudget budget = new TimeBudget(context);
        if (!renderable(body, null, 0, budget)) {
            String html = body.html();
            budget.tick();
            String text = PlainText.render(body, budget);
            return new RenderedBody(html, text, text.codePointCount(0, text.length()), PlainText.wordCount(text));
        }
        return new Walk(null, budget).render(body);
    }

    /**
     * Renders an unsanitized body as {@link #of} would render it after jsoup's {@link Cleaner} with {@code safelist},
     * without the Cleaner's copy, when the Cleaner would keep every node of it: every element is a safe tag (and only
     * attributes change), every other node plain text. Otherwise null: the body then goes through the Cleaner. Kept
     * elements get the Cleaner's attributes: the safelist's safe ones ({@link Safelist#isSafeAttribute}), URL values
     * made absolute where the safelist checks their protocol ({@link ArticleSafelist#checksProtocol}), then the
     * safelist's enforced attributes.
     *
     * @param context the item whose time budget the rendering honours, or null for none
     * @throws RejectedException reason {@code timeout} when the item's time budget runs out
     */
    static RenderedBody sanitizing(Element body, Safelist safelist, ItemContext context) throws RejectedException {
        TimeBudget budget = new TimeBudget(context);
        // The Cleaner's one exception to the enforced attributes (rel="nofollow" dropped on same-host links) is not
        // written here: such a safelist always goes through the Cleaner.
        if ("nofollow".equals(safelist.getEnforcedAttributes("a").get("rel"))
                || !renderable(body, safelist, 0, budget)) {
            return null;
        }
        return new Walk(safelist, budget).render(body);
    }

    /**
     * Whether the walk renders everything under {@code element} as jsoup would: HTML-namespace elements (no void
     * element with children) and plain text nodes only. With a safelist, also whether the Cleaner keeps every node:
     * safe tags with lower-case names and attribute keys; without one, attribute keys written as they are.
     */
    private static boolean renderable(Element element, Safelist safelist, int depth, TimeBudget budget)
            throws RejectedException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        for (Node node : element.childNodes()) {
            budget.tick();
            if (node instanceof Element el) {
                if (!el.tag().namespace().equals(Parser.NamespaceHtml)
                        || el.tag().isEmpty() && el.childNodeSize() > 0
                        || !(safelist == null ? plainKeys(el) : keptByCleaner(el, safelist))
                        || !renderable(el, safelist, depth + 1, budget)) {
                    return false;
                }
            } else if (node.getClass() != TextNode.class) {
                return false;
            }
        }
        return true;
    }

    /** Whether the Cleaner keeps the element itself, as it is named, with the keys the printer writes. */
    private static boolean keptByCleaner(Element el, Safelist safelist) {
        String name = el.normalName();
        return safelist.isSafeTag(name) && name.equals(el.tagName()) && lowerCaseKeys(el);
    }

    /** Whether the element's attribute names are plain lower case, as the safelist and the printer take them. */
    private static boolean lowerCaseKeys(Element el) {
        if (el.attributesSize() == 0) {
            return true;
        }
        for (Attribute attribute : el.attributes()) {
            String key = attribute.getKey();
            if (key.isEmpty() || !key.equals(Attribute.getValidKey(key, Syntax.html))) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the element's attribute names are written as they are (not renamed, none internal). */
    private static boolean plainKeys(Element el) {
        if (el.attributesSize() == 0) {
            return true;
        }
        for (Attribute attribute : el.attributes()) {
            String key = attribute.getKey();
            if (key.isEmpty() || key.charAt(0) == '/' || !key.equals(Attribute.getValidKey(key, Syntax.html))) {
                return false;
            }
        }
        return true;
    }

    /** The walk: the HTML written so far, and the plain text. */
    private static final class Walk {
        final StringBuilder html = new StringBuilder(8192);
        final PlainText.Writer text = new PlainText.Writer(4096);
        /** The safelist to sanitize attributes with, or null when the body is sanitized already. */
        private final Safelist safelist;
        /** The safelist's enforced attributes by tag, asked once per tag (the safelist copies them on every call). */
        private final Map<String, Attributes> enforced = new HashMap<>();

        private final TimeBudget budget;

        Walk(Safelist safelist, TimeBudget budget) {
            this.safelist = safelist;
            this.budget = budget;
        }

        RenderedBody render(Element body) throws RejectedException {
            for (Node node : body.childNodes()) {
                if (node instanceof Element block) {
                    block(block);
                } else {
                    node(node, false);
                }
            }
            String text = this.text.toString();
            return new RenderedBody(
                    html.toString(), text, text.codePointCount(0, text.length()), this.text.wordCount());
        }

        /** A top-level element: one block of the plain text. */
        void block(Element block) throws RejectedException {
            switch (PlainText.kind(block)) {
                case INLINE -> {
                    text.startBlock();
                    open(block);
                    for (Node child : block.childNodes()) {
                        node(child, true);
                    }
                    close(block);
                    text.endBlock();
                }
                case FIGURE -> {
                    text.startBlock();
                    open(block);
                    for (Node child : block.childNodes()) {
                        node(child, !PlainText.isFigcaption(child));
                    }
                    close(block);
                    text.endBlock();
                }
                default -> {
                    element(block, false);
                    text.block(PlainText.special(block, budget));
                }
            }
        }

        /** Writes a node's HTML, and its plain text too when {@code inText}. */
        void node(Node node, boolean inText) throws RejectedException {
            budget.tick();
            if (node instanceof TextNode t) {
                String whole = t.getWholeText();
                escape(whole, false);
                if (inText) {
                    text.text(whole);
                }
            } else {
                element((Element) node, inText);
            }
        }

        private void element(Element el, boolean inText) throws RejectedException {
            boolean br = inText && el.normalName().equals("br");
            boolean edges = inText && !br && el.isBlock();
            if (br) {
                text.lineBreak();
            } else if (edges) {
                text.blockEdge();
            }
            open(el);
            for (Node child : el.childNodes()) {
                node(child, inText);
            }
            close(el);
            if (edges) {
                text.blockEdge();
            }
        }

        /** As jsoup's {@code Element.outerHtmlHead} and {@code Printer.addHead} write it. */
        private void open(Element el) {
            StringBuilder out = html;
            out.append('<').append(el.tagName());
            if (safelist != null) {
                sanitizedAttributes(el);
            } else if (el.attributesSize() > 0) {
                for (Attribute attribute : el.attributes()) {
                    attribute(attribute.getKey(), attribute.getValue());
                }
            }
            out.append('>');
            // The parser drops a newline right after <pre>, so the printer writes one back when the text starts with
            // one.
            if (isInitialNewlineTag(el.normalName())
                    && el.childNodeSize() > 0
                    && el.firstChild() instanceof TextNode first) {
                String whole = first.getWholeText();
                if (whole.startsWith("\n") || whole.startsWith("\r")) {
                    out.append('\n');
                }
            }
        }

        /** The attributes the Cleaner gives a copy of {@code el} (see {@link #sanitizing}), in its order. */
        private void sanitizedAttributes(Element el) {
            String tag = el.tagName();
            Attributes forced = enforced.computeIfAbsent(tag, safelist::getEnforcedAttributes);
            if (el.attributesSize() > 0) {
                for (Attribute attribute : el.attributes()) {
                    String key = attribute.getKey();
                    // An enforced attribute replaces the element's own, after the others.
                    if (forced.hasKeyIgnoreCase(key) || !safelist.isSafeAttribute(tag, el, attribute)) {
                        continue;
                    }
                    String value = attribute.getValue();
                    if (ArticleSafelist.checksProtocol(tag, key)) {
                        String absolute = el.absUrl(key);
                        if (!absolute.isEmpty()) {
                            value = absolute;
                        }
                    }
                    attribute(key, value);
                }
            }
            for (Attribute attribute : forced) {
                attribute(attribute.getKey(), attribute.getValue());
            }
        }

        /** As jsoup's {@code Attribute.htmlNoValidate} writes it. */
        private void attribute(String key, String value) {
            html.append(' ').append(key);
            if (!collapses(key, value)) {
                html.append("=\"");
                escape(value, true);
                html.append('"');
            }
        }

        private void close(Element el) {
            if (!el.tag().isEmpty()) {
                html.append("</").append(el.tagName()).append('>');
            }
        }

        private static boolean isInitialNewlineTag(String name) {
            return name.equals("pre") || name.equals("listing") || name.equals("textarea");
        }

        /** jsoup's {@code Attribute.shouldCollapseAttribute} for HTML syntax: a boolean attribute without a value. */
        private static boolean collapses(String key, String value) {
            return (value.isEmpty() || value.equalsIgnoreCase(key)) && Attribute.isBooleanAttribute(key);
        }

        /**
         * jsoup's {@code Entities.escape} for base entities and UTF-8: {@code & < >} and the no-break space always
         * become entities, {@code "} only in attribute values; control characters and unpaired surrogates, which no
         * text node from the parser holds, are escaped by jsoup itself.
         */
        private void escape(String s, boolean attribute) {
            StringBuilder out = html;
            int n = s.length();
            int run = 0; // start of the pending run of characters written as they are
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                String entity;
                if (c >= 0x3F) {
                    if (c == 0xA0) {
                        entity = "&nbsp;";
                    } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                            i++;
                            continue;
                        }
                        entity = Entities.escape(String.valueOf(c));
                    } else {
                        continue;
                    }
                } else if (c == '&') {
                    entity = "&amp;";
                } else if (c == '<') {
                    entity = "&lt;";
                } else if (c == '>') {
                    entity = "&gt;";
                } else if (c == '"') {
                    if (!attribute) {
                        continue;
                    }
                    entity = "&quot;";
                } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    entity = Entities.escape(String.valueOf(c));
                } else {
                    continue;
                }
                out.append(s, run, i).append(entity);
                run = i + 1;
            }
            out.append(s, run, n);
        }
    }
}
