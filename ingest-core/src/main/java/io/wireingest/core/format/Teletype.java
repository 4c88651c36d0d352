package io.wireingest.core.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Shared pieces of the 7-bit teletype formats (ANPA-1312, IPTC 7901): the framing characters, text clean-up and
 * short deterministic ids.
 */
final class Teletype {
    static final char SYN = '\u0016';
    static final char SOH = '\u0001';
    static final char STX = '\u0002';
    static final char ETX = '\u0003';
    static final char EOT = '\u0004';
    static final char US = '\u001F';
    static final char BS = '\u0008';
    static final char DLE = '\u0010';

    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private Teletype() {}

    /** How far into an item the teletype sniffers look. */
    private static final int SNIFF_CHARS = 300;

    /** The start of a text, as much as the sniffers read. */
    static String head(String text) {
        return text.substring(0, Math.min(text.length(), SNIFF_CHARS));
    }

    /** Where the SOH that opens a teletype transmission stands (within the first 16 characters), or -1. */
    static int openingSoh(String head) {
        int soh = head.indexOf(SOH);
        return soh <= 16 ? soh : -1;
    }

    /** The line of {@code head} that starts at {@code from}, without its line break. */
    static String lineFrom(String head, int from) {
        int end = head.indexOf('\n', from);
        return end < 0 ? head.substring(from) : head.substring(from, end);
    }

    /** The text with every control character but tab and line feed removed (carriage returns too). */
    static String withoutControls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || !(c < 0x20 || c == 0x7F)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The lines of a text, line ends of any kind. */
    static List<String> lines(String s) {
        return List.of(s.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }

    /** Month number 1..12 of an English month abbreviation, or 0. */
    static int month(String abbreviation) {
        return MONTHS.indexOf(abbreviation.toLowerCase(Locale.ROOT).substring(0, Math.min(3, abbreviation.length())))
                + 1;
    }

    /** The UTC date-time, or null when the fields do not make one. */
    static java.time.Instant utc(int year, int month, int day, int hour, int minute) {
        try {
            return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute), ZoneOffset.UTC)
                    .toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The year, near the reference date, in which a month and day fall (for headers that omit the year). */
    static int yearNear(LocalDate reference, int month, int day) {
        int best = reference.getYear();
        long bestDistance = Long.MAX_VALUE;
        for (int y = reference.getYear() - 1; y <= reference.getYear() + 1; y++) {
            try {
                long d = Math.abs(LocalDate.of(y, month, day).toEpochDay() - reference.toEpochDay());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = y;
                }
            } catch (java.time.DateTimeException e) {
                // 29 February in a common year: try the others
            }
        }
        return best;
    }

    /** The first 12 hex digits of the SHA-256 of a text: a short deterministic id part. */
    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * The line without its trailing {@code <} / {@code =} terminators and white space. A loop, not
     * {@code replaceAll("[<=\\s]+$")}, which is quadratic on a long run of those characters inside the line.
     */
    static String withoutTerminators(String s) {
        int end = s.length();
        while (end > 0) {
            char c = s.charAt(end - 1);
            if (c == '<' || c == '=' || Character.isWhitespace(c)) {
                end--;
            } else {
                break;
            }
        }
        return s.substring(0, end);
    }

    /** Cells wider than this are not padded for: one huge cell must not pad every row of the table to its width. */
    private static final int MAX_PADDED_WIDTH = 60;

    /** Rows of cells laid out as a text table, each column padded to its widest cell (up to a bound). */
    static String table(List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int w = row.get(i).length();
                if (i >= widths.size()) {
                    widths.add(w);
                } else if (w > widths.get(i)) {
                    widths.set(i, w);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    int width = Math.min(widths.get(i), MAX_PADDED_WIDTH);
                    line.append(" ".repeat(Math.max(0, width - cell.length()) + 2));
                }
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(line.toString().stripTrailing());
        }
        return sb.toString();
    }
}
