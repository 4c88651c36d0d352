package io.wireingest.core.normalize;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** The plain text as it was rendered before {@link RenderedBody}: the oracle its tests compare with. */
final class LegacyPlainText {
    private LegacyPlainText() {}

    static String of(Element body) {
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
                // Items, and the text of a list outside its items (which the parser puts there past its depth limit).
                StringBuilder sb = new StringBuilder();
                for (Element unit : block.select("ul, ol, dl, li, dt, dd")) {
                    line(sb, textWithout(unit, "ul, ol, dl, li, dt, dd"));
                }
                return sb.toString();
            }
            case "table": {
                StringBuilder sb = new StringBuilder();
                for (Element unit : block.select("table, thead, tbody, tfoot, tr")) {
                    if (!unit.normalName().equals("tr")) {
                        // text of a table or section outside its rows (the caption left out)
                        line(sb, textWithout(unit, "table, thead, tbody, tfoot, caption, tr"));
                        continue;
                    }
                    Element row = unit;
                    StringBuilder cells = new StringBuilder();
                    for (Element cell : row.select("th, td")) {
                        if (cell.parents().stream()
                                        .filter(p -> p.normalName().equals("tr"))
                                        .findFirst()
                                        .orElse(null)
                                != row) {
                            continue; // a cell of a nested row: on that row's line
                        }
                        if (cells.length() > 0) {
                            cells.append('\t');
                        }
                        cells.append(textWithout(cell, "table, thead, tbody, tfoot, caption, tr, th, td"));
                    }
                    // text of the row outside its cells: one more field
                    String outside = textWithout(row, "table, thead, tbody, tfoot, caption, tr, th, td");
                    if (!outside.isBlank()) {
                        if (cells.length() > 0) {
                            cells.append('\t');
                        }
                        cells.append(outside);
                    }
                    line(sb, cells.toString());
                }
                return sb.toString();
            }
            case "figure": {
                // The running text only: a caption (and its photo credit) describes the media, it is not the story.
                Chars sb = new Chars();
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

    /**
     * The {@link Element#text()} of a list item or table cell with the items (or rows and cells) nested in it emptied:
     * their text is on lines of their own. (Before nesting was handled, an item's or cell's text held all the text of
     * the lists or tables nested in it, written again on their own lines: quadratic for deep nesting.)
     */
    private static String textWithout(Element unit, String nested) {
        // In place, not on a copy: text() looks at the ancestors (white space inside a pre is kept).
        java.util.Map<Element, java.util.List<Node>> children = new java.util.LinkedHashMap<>();
        for (Element inner : unit.select(nested)) {
            if (inner != unit && inner.parents().contains(unit)) {
                children.put(inner, new java.util.ArrayList<>(inner.childNodes()));
            }
        }
        children.keySet().forEach(Element::empty);
        String text = unit.text();
        children.forEach(Element::appendChildren);
        return text;
    }

    /** Text of a block with {@code <br>} as line breaks. */
    private static String inline(Element block) {
        Chars sb = new Chars();
        for (Node node : block.childNodes()) {
            append(node, sb);
        }
        return squashInline(sb);
    }

    /** Collapses runs of spaces, tabs and no-break spaces to one space, drops spaces around line breaks, trims. */
    private static String squashInline(Chars sb) {
        int n = sb.length;
        char[] in = sb.chars;
        // Output is never longer than the input: write it into a plain array (no per-character bounds growth).
        char[] out = new char[n];
        int len = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = in[i];
            if (c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0') {
                pendingSpace = true;
            } else if (c == '\n') {
                pendingSpace = false;
                if (len > 0 && out[len - 1] == ' ') {
                    len--;
                }
                out[len++] = '\n';
            } else {
                if (pendingSpace && len > 0 && out[len - 1] != '\n') {
                    out[len++] = ' ';
                }
                pendingSpace = false;
                out[len++] = c;
            }
        }
        return new String(out, 0, len).strip();
    }

    private static void append(Node node, Chars sb) {
        if (node instanceof TextNode text) {
            appendText(text.getWholeText(), sb);
        } else if (node instanceof Element el) {
            if (el.normalName().equals("br")) {
                sb.add('\n');
            } else {
                boolean block = el.isBlock();
                if (block && sb.length > 0 && sb.chars[sb.length - 1] != '\n') {
                    sb.add('\n');
                }
                for (Node child : el.childNodes()) {
                    append(child, sb);
                }
                // Text after a nested block (a tweet's author line after its paragraph) starts a new line.
                if (block && sb.length > 0 && sb.chars[sb.length - 1] != '\n') {
                    sb.add('\n');
                }
            }
        }
    }

    /**
     * Appends a text node as {@link TextNode#text()} would give it, up to runs of spaces (which
     * {@link #squashInline} collapses anyway): jsoup's white space (space, tab, line feed, form feed, carriage return,
     * no-break space) becomes a space and its invisible characters (zero-width space, soft hyphen) are dropped. Char by
     * char, without building the normalized string first.
     */
    private static void appendText(String whole, Chars sb) {
        int n = whole.length();
        sb.reserve(n);
        whole.getChars(0, n, sb.chars, sb.length);
        char[] a = sb.chars;
        int from = sb.length;
        int to = from;
        for (int i = from, end = from + n; i < end; i++) {
            char c = a[i];
            if (c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') || c == '\u00A0') {
                a[to++] = ' ';
            } else if (c != '\u200B' && c != '\u00AD') {
                a[to++] = c;
            }
        }
        sb.length = to;
    }

    /** A growable char array: bulk copies with {@link String#getChars}, no per-character capacity checks. */
    private static final class Chars {
        char[] chars = new char[256];
        int length;

        void reserve(int more) {
            if (length + more > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        void add(char c) {
            reserve(1);
            chars[length++] = c;
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
    /** {@link Character#isLetterOrDigit(int)} for ASCII: the letters and digits. */
    private static final boolean[] ASCII_WORD = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
        }
    }

    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        int n = text.length();
        for (int i = 0; i < n; ) {
            char ch = text.charAt(i);
            int c = ch;
            int width = 1;
            if (Character.isHighSurrogate(ch) && i + 1 < n) {
                c = text.codePointAt(i);
                width = Character.charCount(c);
            }
            boolean part;
            if (c < 0x80 ? ASCII_WORD[c] : Character.isLetterOrDigit(c)) {
                part = true;
            } else if (!inWord || i + width >= n) {
                part = false;
            } else {
                char next = text.charAt(i + width);
                if (c == '\'' || c == '-' || c == '’') {
                    part = Character.isLetterOrDigit(next) || Character.isHighSurrogate(next);
                } else if (c == ',' || c == '.') {
                    part = Character.isDigit(text.charAt(i - 1)) && Character.isDigit(next);
                } else {
                    part = false;
                }
            }
            if (part && !inWord) {
                words++;
            }
            inWord = part;
            i += width;
        }
        return words;
    }
}
