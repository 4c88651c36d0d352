package io.wireingest.core.format;

import java.util.ArrayList;
import java.util.List;

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
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\uFEFF') {
                space = sb.length() > 0;
            } else if (Character.isISOControl(c)) {
                // control characters of teletype framing never belong in text
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
