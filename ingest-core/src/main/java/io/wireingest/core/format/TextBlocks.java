package io.wireingest.core.format;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Tag;

/** Splits plain text into paragraphs: one per non-blank line, or per blank-line-separated block when lines wrap. */
public final class TextBlocks {
    private TextBlocks() {}

    /**
     * Paragraphs of a text. When the text separates paragraphs with blank lines, lines inside a block are joined with a
     * space (hard-wrapped copy); otherwise each non-blank line is a paragraph (scraped copy). White space is
     * normalized.
     */
    public static List<String> paragraphs(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = normalized.split("\n", -1);
        int nonBlank = 0;
        int blankSeparated = 0;
        boolean previousBlank = false;
        for (String line : lines) {
            if (line.isBlank()) {
                previousBlank = true;
            } else {
                nonBlank++;
                if (previousBlank) {
                    blankSeparated++;
                }
                previousBlank = false;
            }
        }
        boolean wrapped = blankSeparated > 0 && nonBlank > (blankSeparated + 1) * 1.5;
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String clean = squash(line);
            if (clean.isEmpty()) {
                flush(current, out);
            } else if (wrapped) {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(clean);
            } else {
                flush(current, out);
                current.append(clean);
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        if (current.length() > 0) {
            out.add(current.toString());
            current.setLength(0);
        }
    }

    /** Collapses runs of white space (including no-break spaces) to one space and trims. */
    public static String squash(String s) {
        int n = s.length();
        // The result is never longer than the input: fill a plain array, no builder growth or checks per character.
        char[] out = new char[n];
        int len = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean blank;
            if (c > ' ' && c < 0x7F) {
                blank = false; // printable ASCII: neither white space nor a control character
            } else {
                blank = Character.isWhitespace(c)
                        || c == '\u00A0'
                        || c == '\u2007'
                        || c == '\u202F'
                        || c == '\uFEFF'
                        // control characters of teletype framing never belong in text
                        || Character.isISOControl(c);
            }
            if (blank) {
                space = len > 0;
            } else {
                if (space) {
                    out[len++] = ' ';
                    space = false;
                }
                out[len++] = c;
            }
        }
        return new String(out, 0, len);
    }

    /**
     * The same string as {@link Element#text()}, computed faster for the common block: when every element inside it is
     * a plain inline element (no block, {@code br}, text-boundary or white-space-preserving element, no CDATA) the
     * text is the concatenation of its text nodes with jsoup's white-space normalization, done here char by char
     * instead of code point by code point. Any other block falls back to {@link Element#text()}.
     */
    public static String text(Element block) {
        if (preservesWhitespace(block)) {
            return block.text();
        }
        if (block.childNodeSize() == 1
                && block.childNode(0) instanceof TextNode only
                && !(only instanceof CDataNode)
                && isNormal(only.getWholeText())) {
            return only.getWholeText(); // the common paragraph: one text node that normalization leaves as it is
        }
        Chars accum = new Chars();
        // Iterative pre-order walk of the block's descendants (no recursion: hostile input may nest deeply).
        Node node = block.childNodeSize() > 0 ? block.childNode(0) : null;
        while (node != null) {
            if (node instanceof TextNode text) {
                if (text instanceof CDataNode) {
                    return block.text();
                }
                appendNormalised(accum, text.getWholeText());
            } else if (node instanceof Element el) {
                Tag tag = el.tag();
                if (!tag.isInline()
                        || tag.isBlock()
                        || el.isBlock()
                        || tag.is(Tag.TextBoundary)
                        || tag.preserveWhitespace()
                        || el.nameIs("br")) {
                    return block.text();
                }
                if (el.childNodeSize() > 0) {
                    node = el.childNode(0);
                    continue;
                }
            }
            // next in document order within the block
            while (node != block && node.nextSibling() == null) {
                node = node.parentNode();
            }
            node = node == block ? null : node.nextSibling();
        }
        return accum.toString().trim();
    }

    /** jsoup's {@code preserveWhitespace}: the element or one of its five nearest ancestors keeps white space. */
    private static boolean preservesWhitespace(Element el) {
        Element e = el;
        for (int i = 0; i < 6 && e != null; i++) {
            if (e.tag().preserveWhitespace()) {
                return true;
            }
            e = e.parent();
        }
        return false;
    }

    /**
     * jsoup's {@code StringUtil.appendNormalisedWhitespace(accum, s, lastCharIsWhitespace(accum))}: runs of its white
     * space (space, tab, line feed, form feed, carriage return, no-break space) become one space, invisible characters
     * (zero-width space, soft hyphen) are dropped, leading white space is dropped after a space. All of these are
     * single chars, so walking chars gives the same string as walking code points.
     */
    private static void appendNormalised(Chars accum, String s) {
        int n = s.length();
        accum.reserve(n);
        // One bulk copy, then normalized in place: the result is never longer than the text.
        char[] chars = accum.chars;
        int from = accum.length;
        s.getChars(0, n, chars, from);
        boolean stripLeading = from > 0 && chars[from - 1] == ' ';
        boolean lastWasWhite = false;
        boolean reachedNonWhite = false;
        int to = from;
        for (int i = from; i < from + n; i++) {
            char c = chars[i];
            if (!isSpecial(c)) {
                chars[to++] = c;
                lastWasWhite = false;
                reachedNonWhite = true;
            } else if (c != '\u200B' && c != '\u00AD') {
                // white space
                if (!((stripLeading && !reachedNonWhite) || lastWasWhite)) {
                    chars[to++] = ' ';
                    lastWasWhite = true;
                }
            }
        }
        accum.length = to;
    }

    /**
     * True when {@link #text(Element)} of a block holding only this text is the text itself: no character that
     * normalization changes but single spaces, and nothing that {@link String#trim()} removes at either end. Searched
     * with {@link String#indexOf}, which scans many characters at a time.
     */
    private static boolean isNormal(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) <= ' ' || s.charAt(n - 1) <= ' ' || s.contains("  ")) {
            return false;
        }
        for (char c : SPECIAL_BUT_SPACE) {
            if (s.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The characters {@link #isSpecial} is true of, but the space. */
    private static final char[] SPECIAL_BUT_SPACE = {'\t', '\n', '\f', '\r', '\u00A0', '\u200B', '\u00AD'};

    /** jsoup's white space and invisible characters: the characters text normalization changes. */
    private static boolean isSpecial(char c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
                || c == '\u00A0'
                || c == '\u200B'
                || c == '\u00AD';
    }

    /** A growable char array: bulk copies with {@link String#getChars}, no per-character checks. */
    private static final class Chars {
        char[] chars = new char[128];
        int length;

        void reserve(int more) {
            if (length + more > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }
    }
}
