package io.wireingest.core.normalize;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Renders story blocks as plain text: one paragraph per block, blocks separated by a blank line; list items and table
 * rows one per line; {@code pre} kept verbatim; a {@code figure} without its {@code figcaption} (the HTML body keeps
 * the caption; the plain text is the running story).
 */
public final class PlainText {
    private PlainText() {}

    public static String of(Element body) {
        StringBuilder out = new StringBuilder();
        for (Element block : body.children()) {
            String text = block(block);
            if (!text.isBlank()) {
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append(text.strip());
            }
        }
        return out.toString();
    }

    private static String block(Element block) {
        switch (block.normalName()) {
            case "pre":
                // stripTrailing, not replaceAll("\\s+$"): that regex is quadratic on long runs of spaces inside the
                // text
                return block.wholeText().stripTrailing();
            case "ul":
            case "ol":
            case "dl": {
                StringBuilder sb = new StringBuilder();
                for (Element item : block.select("li, dt, dd")) {
                    line(sb, item.text());
                }
                return sb.toString();
            }
            case "table": {
                StringBuilder sb = new StringBuilder();
                for (Element row : block.select("tr")) {
                    StringBuilder cells = new StringBuilder();
                    for (Element cell : row.select("th, td")) {
                        if (cells.length() > 0) {
                            cells.append('\t');
                        }
                        cells.append(cell.text());
                    }
                    line(sb, cells.toString());
                }
                return sb.toString();
            }
            case "figure": {
                // The running text only: a caption (and its photo credit) describes the media, it is not the story.
                StringBuilder sb = new StringBuilder();
                for (Node node : block.childNodes()) {
                    if (!(node instanceof Element el && el.normalName().equals("figcaption"))) {
                        append(node, sb);
                    }
                }
                return squashInline(sb);
            }
            default:
                return inline(block);
        }
    }

    /** Text of a block with {@code <br>} as line breaks. */
    private static String inline(Element block) {
        StringBuilder sb = new StringBuilder();
        for (Node node : block.childNodes()) {
            append(node, sb);
        }
        return squashInline(sb);
    }

    private static String squashInline(StringBuilder sb) {
        return sb.toString()
                .replaceAll("[ \\t\\x0B\\f\\u00A0]+", " ")
                .replaceAll(" ?\n ?", "\n")
                .strip();
    }

    private static void append(Node node, StringBuilder sb) {
        if (node instanceof TextNode text) {
            sb.append(text.text());
        } else if (node instanceof Element el) {
            if (el.normalName().equals("br")) {
                sb.append('\n');
            } else {
                boolean block = el.isBlock() && sb.length() > 0;
                if (block) {
                    sb.append('\n');
                }
                for (Node child : el.childNodes()) {
                    append(child, sb);
                }
            }
        }
    }

    private static void line(StringBuilder sb, String text) {
        if (!text.isBlank()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(text.strip());
        }
    }

    /**
     * Words: maximal runs of letters or digits, with inner apostrophes and hyphens ({@code Jong-un's}) and digit
     * grouping ({@code 2,000}, {@code 3.5}) kept inside one word, as newsroom counters do.
     */
    public static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c) < text.length() ? text.codePointAt(i + Character.charCount(c)) : -1;
            int previous = i > 0 ? text.codePointBefore(i) : -1;
            boolean joiner = (c == '\'' || c == '-' || c == '’') && next >= 0 && Character.isLetterOrDigit(next);
            boolean digitGroup = (c == ',' || c == '.')
                    && previous >= 0
                    && Character.isDigit(previous)
                    && next >= 0
                    && Character.isDigit(next);
            boolean part = Character.isLetterOrDigit(c) || (inWord && (joiner || digitGroup));
            if (part && !inWord) {
                words++;
            }
            inWord = part;
            i += Character.charCount(c);
        }
        return words;
    }
}
