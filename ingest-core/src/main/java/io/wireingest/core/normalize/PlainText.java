package io.wireingest.core.normalize;

import java.util.Arrays;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Renders story blocks as plain text: one paragraph per block, blocks separated by a blank line; list items and table
 * rows one per line; {@code pre} kept verbatim; a {@code figure} without its {@code figcaption} (the HTML body keeps
 * the caption; the plain text is the running story).
 */
public final class PlainText {
    // Parsed once: Element.select(String) parses its query on every call.
    private static final Evaluator LIST_ITEMS = QueryParser.parse("li, dt, dd");
    private static final Evaluator ROWS = QueryParser.parse("tr");
    private static final Evaluator CELLS = QueryParser.parse("th, td");

    private PlainText() {}

    public static String of(Element body) {
        Writer out = new Writer(256);
        for (Element block : body.children()) {
            switch (kind(block)) {
                case INLINE -> {
                    out.startBlock();
                    for (Node node : block.childNodes()) {
                        append(node, out);
                    }
                    out.endBlock();
                }
                case FIGURE -> {
                    out.startBlock();
                    for (Node node : block.childNodes()) {
                        if (!isFigcaption(node)) {
                            append(node, out);
                        }
                    }
                    out.endBlock();
                }
                default -> out.block(special(block));
            }
        }
        return out.toString();
    }

    /** How a top-level block becomes text. */
    enum Kind {
        /** Its text with {@code <br>} and nested blocks as line breaks, runs of spaces collapsed. */
        INLINE,
        /** As {@link #INLINE}, without the {@code figcaption}. */
        FIGURE,
        /** Rendered by {@link #special}: {@code pre}, lists, tables. */
        SPECIAL
    }

    static Kind kind(Element block) {
        return switch (block.normalName()) {
            case "pre", "ul", "ol", "dl", "table" -> Kind.SPECIAL;
            case "figure" -> Kind.FIGURE;
            default -> Kind.INLINE;
        };
    }

    static boolean isFigcaption(Node node) {
        return node instanceof Element el && el.normalName().equals("figcaption");
    }

    /** The text of a {@link Kind#SPECIAL} block. */
    static String special(Element block) {
        switch (block.normalName()) {
            case "pre":
                // stripTrailing, not replaceAll("\\s+$"): that regex is quadratic on long runs of spaces inside the
                // text
                return block.wholeText().stripTrailing();
            case "table": {
                StringBuilder sb = new StringBuilder();
                for (Element row : block.select(ROWS)) {
                    StringBuilder cells = new StringBuilder();
                    for (Element cell : row.select(CELLS)) {
                        if (cells.length() > 0) {
                            cells.append('\t');
                        }
                        cells.append(cell.text());
                    }
                    line(sb, cells.toString());
                }
                return sb.toString();
            }
            default: { // ul, ol, dl
                StringBuilder sb = new StringBuilder();
                for (Element item : block.select(LIST_ITEMS)) {
                    line(sb, item.text());
                }
                return sb.toString();
            }
        }
    }

    private static void append(Node node, Writer out) {
        if (node instanceof TextNode text) {
            out.text(text.getWholeText());
        } else if (node instanceof Element el) {
            if (el.normalName().equals("br")) {
                out.lineBreak();
            } else {
                boolean block = el.isBlock();
                if (block) {
                    out.blockEdge();
                }
                for (Node child : el.childNodes()) {
                    append(child, out);
                }
                // Text after a nested block (a tweet's author line after its paragraph) starts a new line.
                if (block) {
                    out.blockEdge();
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
     * The plain text under construction, written block by block straight into one char array (for speed: no string per
     * block or text node). Inside an inline block, a text node is taken as {@link TextNode#text()} would give it
     * (jsoup's white space, i.e. space, tab, line feed, form feed, carriage return and no-break space, becomes a space;
     * its invisible zero-width space and soft hyphen are dropped), runs of spaces, tabs, vertical tabs, form feeds and
     * no-break spaces collapse to one space, spaces before and after line breaks are dropped, and the block is stripped.
     * A block that is blank is left out; the others are separated by a blank line.
     */
    static final class Writer {
        private char[] chars;
        private int length;

        // The block being written: where its text starts, and the state of the space collapsing.
        private int blockStart;
        private int textStart;
        private boolean pendingSpace;
        /** Anything appended to the block yet, before collapsing (spaces included). */
        private boolean any;
        /** The last thing appended to the block, before collapsing, was a line break. */
        private boolean lastWasBreak;

        Writer(int capacity) {
            chars = new char[Math.max(16, capacity)];
        }

        /** Starts an inline block: text, line breaks and block edges follow, then {@link #endBlock}. */
        void startBlock() {
            blockStart = length;
            if (length > 0) {
                reserve(2);
                chars[length++] = '\n';
                chars[length++] = '\n';
            }
            textStart = length;
            pendingSpace = false;
            any = false;
            lastWasBreak = false;
        }

        /** Appends a text node's whole text. */
        void text(String whole) {
            int n = whole.length();
            if (n == 0) {
                return;
            }
            // At most one char per input char plus one pending space.
            reserve(n + 1);
            char[] a = chars;
            int len = length;
            boolean space = pendingSpace;
            boolean appended = false;
            for (int i = 0; i < n; i++) {
                char c = whole.charAt(i);
                if (c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u000B')
                        || c == '\u00A0') {
                    space = true;
                    appended = true;
                } else if (c != '\u200B' && c != '\u00AD') {
                    if (space && len > textStart && a[len - 1] != '\n') {
                        a[len++] = ' ';
                    }
                    space = false;
                    a[len++] = c;
                    appended = true;
                }
            }
            length = len;
            pendingSpace = space;
            if (appended) {
                any = true;
                lastWasBreak = false;
            }
        }

        /** A {@code <br>}. */
        void lineBreak() {
            any = true;
            lastWasBreak = true;
            pendingSpace = false;
            if (length > textStart && chars[length - 1] == ' ') {
                length--;
            }
            reserve(1);
            chars[length++] = '\n';
        }

        /** The start or end of a nested block element: a line break unless at the block's start or after one. */
        void blockEdge() {
            if (any && !lastWasBreak) {
                lineBreak();
            }
        }

        /** Ends the inline block: strips it, and leaves it out when blank. */
        void endBlock() {
            int from = textStart;
            int to = length;
            while (from < to && Character.isWhitespace(chars[from])) {
                from++;
            }
            while (to > from && Character.isWhitespace(chars[to - 1])) {
                to--;
            }
            if (from == to) {
                length = blockStart;
            } else {
                System.arraycopy(chars, from, chars, textStart, to - from);
                length = textStart + (to - from);
            }
        }

        /** Appends a block rendered elsewhere ({@link Kind#SPECIAL}): stripped, and left out when blank. */
        void block(String text) {
            if (text.isBlank()) {
                return;
            }
            String stripped = text.strip();
            reserve(stripped.length() + 2);
            if (length > 0) {
                chars[length++] = '\n';
                chars[length++] = '\n';
            }
            stripped.getChars(0, stripped.length(), chars, length);
            length += stripped.length();
        }

        int wordCount() {
            return PlainText.wordCount(chars, length);
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }

        private void reserve(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }
    }

    private static final byte SEPARATOR = 0;
    private static final byte LETTER_OR_DIGIT = 1;
    private static final byte JOINER = 2;

    /** ASCII by its part in words: a letter or digit ({@link Character#isLetterOrDigit}), maybe inside one, or neither. */
    private static final byte[] ASCII_KIND = new byte[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_KIND[c] = Character.isLetterOrDigit(c)
                    ? LETTER_OR_DIGIT
                    : c == '\'' || c == '-' || c == ',' || c == '.' ? JOINER : SEPARATOR;
        }
    }

    /**
     * Words: maximal runs of letters or digits, with inner apostrophes and hyphens ({@code Jong-un's}) and digit
     * grouping ({@code 2,000}, {@code 3.5}) kept inside one word, as newsroom counters do.
     */
    public static int wordCount(String text) {
        return wordCount(text.toCharArray(), text.length());
    }

    /** {@link #wordCount(String)} of the first {@code n} chars of {@code text}. */
    static int wordCount(char[] text, int n) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < n; ) {
            char ch = text[i];
            int kind;
            if (ch < 0x80 && (kind = ASCII_KIND[ch]) != JOINER) {
                // Fast path (for speed) for ASCII that is a word character or cannot be inside a word: no branch on
                // whether it starts a word.
                boolean part = kind == LETTER_OR_DIGIT;
                if (part & !inWord) {
                    words++;
                }
                inWord = part;
                i++;
                continue;
            }
            int c = ch;
            int width = 1;
            if (Character.isHighSurrogate(ch) && i + 1 < n) {
                c = Character.codePointAt(text, i, n);
                width = Character.charCount(c);
            }
            boolean part;
            if (c < 0x80 ? ASCII_KIND[c] == LETTER_OR_DIGIT : Character.isLetterOrDigit(c)) {
                part = true;
            } else if (!inWord || i + width >= n) {
                part = false;
            } else {
                char next = text[i + width];
                if (c == '\'' || c == '-' || c == '’') {
                    part = Character.isLetterOrDigit(next) || Character.isHighSurrogate(next);
                } else if (c == ',' || c == '.') {
                    part = Character.isDigit(text[i - 1]) && Character.isDigit(next);
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
