package io.wireingest.core.format;

import java.util.ArrayList;
import java.util.Arrays;
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
        // Lines end at \r\n, \r or \n. The lines are found once (with the vectorized indexOf when there is no \r)
        // and read in place: no line strings, and a line that needs no squashing is copied once, as its paragraph.
        int n = text.length();
        boolean hasCarriageReturn = text.indexOf('\r') >= 0;
        int[] ends = new int[16];
        int lines = 0;
        int nonBlank = 0;
        int blankSeparated = 0;
        boolean previousBlank = false;
        for (int start = 0; start <= n; start = nextLine(text, ends[lines - 1])) {
            int end = hasCarriageReturn ? lineEnd(text, start) : text.indexOf('\n', start);
            end = end < 0 ? n : end;
            if (lines == ends.length) {
                ends = Arrays.copyOf(ends, lines * 2);
            }
            ends[lines++] = end;
            if (isBlank(text, start, end)) {
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
        if (!wrapped) {
            // each non-blank line is a paragraph
            char[] buffer = null;
            for (int k = 0, start = 0; k < lines; start = nextLine(text, ends[k++])) {
                int end = ends[k];
                if (isSquashed(text, start, end)) {
                    if (end > start) {
                        out.add(text.substring(start, end));
                    }
                } else {
                    if (buffer == null) {
                        buffer = new char[n];
                    }
                    flush(buffer, squashInto(text, start, end, buffer, 0), out);
                }
            }
            return out;
        }
        // A paragraph is never longer than the text: squashed lines are no longer than the lines, and each joining
        // space stands for at least one line-break character.
        char[] current = new char[n];
        int length = 0;
        for (int k = 0, start = 0; k < lines; start = nextLine(text, ends[k++])) {
            int before = length;
            if (length > 0) {
                current[length++] = ' ';
            }
            int lineStart = length;
            length = squashInto(text, start, ends[k], current, length);
            if (length == lineStart) {
                // a blank line ends the paragraph (without the joining space)
                length = flush(current, before, out);
            }
        }
        flush(current, length, out);
        return out;
    }

    /** The index of the line break (or the end) at or after {@code start}. */
    private static int lineEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after the break at {@code end}; past the end ({@code length + 1}) after the last line. */
    private static int nextLine(String text, int end) {
        if (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    /** {@link String#isBlank()} of a range. */
    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int flush(char[] current, int length, List<String> out) {
        if (length > 0) {
            out.add(new String(current, 0, length));
        }
        return 0;
    }

    /** Collapses runs of white space (including no-break spaces) to one space and trims. */
    public static String squash(String s) {
        int n = s.length();
        if (isSquashed(s, 0, n)) {
            return s; // the common case: nothing to change, nothing to copy
        }
        char[] out = new char[n]; // the result is never longer than the input
        return new String(out, 0, squashInto(s, 0, n, out, 0));
    }

    /** Whether {@link #squash} would leave the range unchanged: single spaces between non-blank characters only. */
    private static boolean isSquashed(String s, int from, int to) {
        boolean afterSpace = true; // no leading space
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c > ' ' && c < 0x7F) {
                afterSpace = false;
            } else if (c == ' ' && !afterSpace) {
                afterSpace = true;
            } else if (c == ' ' || isSquashBlank(c)) {
                return false;
            } else {
                afterSpace = false;
            }
        }
        return !afterSpace || from == to;
    }

    /** Appends {@code src[from, to)} squashed to {@code out} at {@code length} and returns the new length. */
    private static int squashInto(String src, int from, int to, char[] out, int length) {
        int start = length;
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = src.charAt(i);
            // printable ASCII: neither white space nor a control character
            if (c > ' ' && c < 0x7F || !isSquashBlank(c)) {
                if (space) {
                    out[length++] = ' ';
                    space = false;
                }
                out[length++] = c;
            } else {
                space = length > start;
            }
        }
        return length;
    }

    /** The characters {@link #squash} folds: white space, no-break spaces, and control characters. */
    private static boolean isSquashBlank(char c) {
        return Character.isWhitespace(c)
                || c == '\u00A0'
                || c == '\u2007'
                || c == '\u202F'
                || c == '\uFEFF'
                // control characters of teletype framing never belong in text
                || Character.isISOControl(c);
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
                && isNormalised(only.getWholeText())) {
            // the common paragraph: one text node that needs no normalization is its own text, no copy
            return only.getWholeText();
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
        return accum.trimmedString();
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
     * Whether the text of a lone text node is the node's text unchanged: {@link #appendNormalised} would change nothing
     * (no white space but single spaces, no invisible characters) and {@link String#trim()} would remove nothing.
     * Searched for with {@link String#indexOf}, which the JIT vectorizes: several of those are faster than one loop
     * over the chars.
     */
    private static boolean isNormalised(String s) {
        int n = s.length();
        return n > 0
                && s.charAt(0) > ' '
                && s.charAt(n - 1) > ' '
                && s.indexOf("  ") < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\t') < 0
                && s.indexOf('\r') < 0
                && s.indexOf('\f') < 0
                && s.indexOf('\u00A0') < 0
                && s.indexOf('\u00AD') < 0
                && s.indexOf('\u200B') < 0;
    }

    /**
     * jsoup's {@code StringUtil.appendNormalisedWhitespace(accum, s, lastCharIsWhitespace(accum))}: runs of its white
     * space (space, tab, line feed, form feed, carriage return, no-break space) become one space, invisible characters
     * (zero-width space, soft hyphen) are dropped, leading white space is dropped after a space. All of these are
     * single chars, so walking chars gives the same string as walking code points. The string is copied in bulk and
     * then compacted in place.
     */
    private static void appendNormalised(Chars accum, String s) {
        int n = s.length();
        accum.reserve(n);
        char[] buf = accum.chars;
        int from = accum.length;
        int end = from + n;
        s.getChars(0, n, buf, from);
        // jsoup skips white space after white space it wrote, and leading white space after a space
        boolean skipWhite = from > 0 && buf[from - 1] == ' ';
        int w = from;
        for (int r = from; r < end; r++) {
            char c = buf[r];
            if (c > ' ' && c < '\u00A0') {
                buf[w++] = c;
                skipWhite = false;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u00A0') {
                if (!skipWhite) {
                    buf[w++] = ' ';
                    skipWhite = true;
                }
            } else if (c != '\u200B' && c != '\u00AD') {
                buf[w++] = c;
                skipWhite = false;
            }
        }
        accum.length = w;
    }

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
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        /** {@code toString().trim()} without the intermediate string. */
        String trimmedString() {
            int start = 0;
            int end = length;
            while (start < end && chars[start] <= ' ') {
                start++;
            }
            while (end > start && chars[end - 1] <= ' ') {
                end--;
            }
            return new String(chars, start, end - start);
        }
    }
}
