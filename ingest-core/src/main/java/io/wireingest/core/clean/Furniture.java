package io.wireingest.core.clean;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrases of wire and site furniture, in English, Indonesian and Malay. One place, so that cleaning, extraction and
 * tests agree on them.
 */
public final class Furniture {
    private Furniture() {}

    /** A related-link label at the start of a block: group 1 the label, group 2 the rest (may be empty). */
    public static final Pattern RELATED = Pattern.compile(
            "^\\s*\\[?\\s*(baca\\s+juga|baca\\s+pula|baca\\s+lagi|lihat\\s+juga|simak\\s+juga|tonton\\s+juga"
                    + "|berita\\s+terkait|artikel\\s+berkaitan|artikel\\s+terkait|baca\\s+selanjutnya"
                    + "|read\\s+also|also\\s+read|read\\s+more|see\\s+also|related(?:\\s+(?:news|stories|story|articles?))?)"
                    + "\\s*\\]?\\s*[:：>»|\\-–—]*\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);

    /** A header that starts a list of other stories; it and the list after it are dropped. */
    public static final Pattern OTHER_NEWS_HEADER = Pattern.compile(
            "^\\s*(berita\\s+lainnya|berita\\s+lain|berita\\s+terkini|berita\\s+populer|berita\\s+terpopuler"
                    + "|terpopuler|pilihan\\s+editor|artikel\\s+lainnya|baca\\s+berita\\s+lainnya|rekomendasi"
                    + "|other\\s+news|more\\s+news|more\\s+stories|most\\s+read|most\\s+popular|latest\\s+news"
                    + "|editor'?s\\s+picks?|you\\s+may\\s+also\\s+like|recommended(?:\\s+for\\s+you)?"
                    + "|berita\\s+berkaitan|lagi\\s+berita|popular)\\s*:?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A block that is only a timestamp, as in lists of other stories and page headers. */
    public static final Pattern TIMESTAMP_LINE = Pattern.compile(
            "^\\s*(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|isnin|khamis|monday|tuesday|wednesday"
                    + "|thursday|friday|saturday|sunday),?\\s*)?"
                    + "(?:\\d{1,2}\\s+\\p{L}+\\.?\\s+\\d{4}|\\p{L}+\\.?\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4})"
                    + "(?:\\s*[,|/-]?\\s*(?:pukul\\s+)?\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?)?"
                    + "\\s*(?:wib|wita|wit|myt|sgt|pht|ict|kst|jst|gmt|utc|[+-]\\d{2}:?\\d{2})?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Widgets and template tokens that are never story text, as whole blocks. */
    public static final Pattern WIDGET_BLOCK = Pattern.compile(
            "^\\s*(?:\\[[a-z0-9_ -]{2,40}\\]|\\{\\{[^}]{1,60}\\}\\}|loading\\.*|a\\s+a\\s+a|advertisement|iklan"
                    + "|scroll\\s+to\\s+continue(?:\\s+with\\s+content)?|scroll\\s+untuk\\s+melanjutkan.*"
                    + "|nikmati\\s+berita\\s+tanpa\\s+iklan.*|apa\\s+pendapatmu\\?.*|simak\\s+selengkapnya\\s+di\\s*:.*"
                    + "|ikuti\\s+(?:berita|kami).{0,80}(?:google\\s+news|whatsapp|telegram|instagram).*"
                    + "|follow\\s+us\\s+on.{0,80}|share\\s+this(?:\\s+article)?:?|bagikan(?:\\s+artikel)?:?"
                    + "|subscribe\\s+to\\s+our\\s+newsletter.*|kurs\\s+[a-z]{3}\\s+[0-9.,]+.*"
                    + "|advert|adverti[sz]ement|sponsored(?:\\s+content)?|explore\\s+further"
                    + "|image\\s+(?:copyright|caption|credit)\\b.*|media\\s+playback\\s+is\\s+unsupported.*"
                    + "|get\\s+the\\s+latest\\b.{0,80}\\binbox\\b.*|(?:click|tap)\\s+here\\s+to\\s+(?:subscribe|sign\\s+up).*"
                    + "|sign\\s+up\\s+(?:for|to)\\s+(?:our|the)\\b.{0,60}newsletter.*|have\\s+a\\s+(?:news\\s+)?tip\\?.*"
                    + "|dapatkan\\s+(?:update|informasi)\\s+.{0,80}(?:google\\s+news|whatsapp|telegram).*"
                    + "|langgan(?:i)?\\s+.{0,40}(?:newsletter|buletin).*"
                    + "|(?:did\\s+you\\s+)?like\\s+this\\s+(?:story|article)\\??\\s*share\\s+it\\b.*)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Template tokens left inside running text. */
    public static final Pattern INLINE_TOKEN = Pattern.compile(
            "\\[(?:ads?_[a-z0-9_]+|iklan[a-z0-9_]*)\\]|\\{\\{[a-z0-9_ ]{1,40}\\}\\}", Pattern.CASE_INSENSITIVE);

    /*
     * Cheap necessary conditions for the patterns above, so that CleanBody runs a pattern only on the few blocks that
     * could match it (most blocks are story paragraphs). Each is true whenever its pattern matches the whole text; when
     * in doubt it is true. Keep each in step with its pattern.
     */

    /** The first word of each label of {@link #RELATED}. */
    private static final FirstWords RELATED_STARTS =
            new FirstWords("baca", "lihat", "simak", "tonton", "berita", "artikel", "read", "also", "see", "related");

    /** The first word of each header of {@link #OTHER_NEWS_HEADER}. */
    private static final FirstWords OTHER_NEWS_STARTS = new FirstWords(
            "berita",
            "terpopuler",
            "pilihan",
            "artikel",
            "baca",
            "rekomendasi",
            "other",
            "more",
            "most",
            "latest",
            "editor",
            "you",
            "recommended",
            "lagi",
            "popular");

    /** The start of each phrase of {@link #WIDGET_BLOCK} but {@code a a a}, {@code [...]} and <code>{{...}}</code>. */
    private static final FirstWords WIDGET_STARTS = new FirstWords(
            "loading",
            "advert",
            "iklan",
            "scroll",
            "nikmati",
            "apa",
            "simak",
            "ikuti",
            "follow",
            "share",
            "bagikan",
            "subscribe",
            "kurs",
            "sponsored",
            "explore",
            "image",
            "media",
            "get",
            "click",
            "tap",
            "sign",
            "have",
            "dapatkan",
            "langgan",
            "did",
            "like");

    /** White-space runs {@link #TIMESTAMP_LINE} can hold: one per {@code \s*} or {@code \s+} in it. */
    private static final int TIMESTAMP_MAX_SPACE_RUNS = 10;

    /**
     * {@link #RELATED} matched against the whole text (groups 1 and 2 set), or null when it does not match. The cheap
     * pre-check runs first, so most paragraphs never reach the pattern; the pattern ends in {@code (.*)$} with
     * DOTALL, so a whole-text match is the same as a match at the start.
     */
    public static Matcher matchRelated(String text) {
        if (!mayBeRelated(text)) {
            return null;
        }
        Matcher m = RELATED.matcher(text);
        return m.matches() ? m : null;
    }

    /** Whether the whole text is a header of a list of other stories ({@link #OTHER_NEWS_HEADER}). */
    public static boolean isOtherNewsHeader(String text) {
        return mayBeOtherNewsHeader(text) && OTHER_NEWS_HEADER.matcher(text).matches();
    }

    /** Whether the whole text is a widget block ({@link #WIDGET_BLOCK}). */
    public static boolean isWidget(String text) {
        return mayBeWidget(text) && WIDGET_BLOCK.matcher(text).matches();
    }

    /** Whether the whole text is only a timestamp ({@link #TIMESTAMP_LINE}). */
    public static boolean isTimestamp(String text) {
        return mayBeTimestamp(text) && TIMESTAMP_LINE.matcher(text).matches();
    }

    /** Whether {@link #RELATED} may match the whole of {@code text}. */
    static boolean mayBeRelated(String text) {
        int i = skipSpace(text, 0);
        return i < text.length() && text.charAt(i) == '[' || RELATED_STARTS.mayStart(text, i);
    }

    /** Whether {@link #OTHER_NEWS_HEADER} may match the whole of {@code text}. */
    static boolean mayBeOtherNewsHeader(String text) {
        return OTHER_NEWS_STARTS.mayStart(text, skipSpace(text, 0));
    }

    /** Whether {@link #WIDGET_BLOCK} may match the whole of {@code text}. */
    static boolean mayBeWidget(String text) {
        int i = skipSpace(text, 0);
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c == '['
                || c == '{'
                || WIDGET_STARTS.mayStart(text, i)
                // a a a
                || mayStartWith(text, i, "a") && i + 1 < text.length() && isSpace(text.charAt(i + 1));
    }

    /**
     * Whether {@link #TIMESTAMP_LINE} may match the whole of {@code text}: it ends as a date, time or zone does, its date
     * holds at least four digits, and it has no more white-space runs than the pattern has white-space elements (a
     * sentence has many).
     */
    static boolean mayBeTimestamp(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || !mayEndTimestamp(text.charAt(end - 1), end > 1 ? text.charAt(end - 2) : ' ')) {
            return false;
        }
        int runs = 0;
        int digits = 0;
        boolean inSpace = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (!inSpace && ++runs > TIMESTAMP_MAX_SPACE_RUNS) {
                    return false;
                }
                inSpace = true;
            } else {
                inSpace = false;
                if (c >= '0' && c <= '9') {
                    digits++;
                }
            }
        }
        return digits >= 4;
    }

    /**
     * Whether a {@link #TIMESTAMP_LINE} may end with these two characters: a digit (date, time, zone offset), the last
     * letter of a zone ({@code wib wita wit ... utc}) or of {@code am pm}, or {@code m.} of {@code a.m. p.m.}.
     */
    private static boolean mayEndTimestamp(char last, char beforeLast) {
        if (last >= '0' && last <= '9' || last >= 0x80) {
            return true;
        }
        if (last == '.') {
            return (beforeLast | 0x20) == 'm' || beforeLast >= 0x80;
        }
        int letter = last | 0x20;
        return letter == 'b' || letter == 'a' || letter == 't' || letter == 'c' || letter == 'm';
    }

    /** The regex {@code \s}: {@code [ \t\n\x0B\f\r]}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Lower-case ASCII words by first letter: a text is compared only with the words that start like it. */
    private static final class FirstWords {
        private final String[][] byLetter = new String[26][0];

        FirstWords(String... words) {
            for (String word : words) {
                int k = word.charAt(0) - 'a';
                byLetter[k] = Arrays.copyOf(byLetter[k], byLetter[k].length + 1);
                byLetter[k][byLetter[k].length - 1] = word;
            }
        }

        /** Whether {@code text} at {@code from} may start with one of the words (see {@link #mayStartWith}). */
        boolean mayStart(String text, int from) {
            if (from >= text.length()) {
                return false;
            }
            char c = text.charAt(from);
            if (c >= 0x80) {
                return true;
            }
            int k = (c | 0x20) - 'a'; // an ASCII letter in either case, or out of range
            if (k < 0 || k >= 26) {
                return false;
            }
            for (String word : byLetter[k]) {
                if (mayStartWith(text, from, word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether {@code text} at {@code from} may start with a lower-case ASCII word under the patterns' case-insensitive
     * matching. With {@code UNICODE_CASE} some non-ASCII characters match ASCII letters (U+017F matches {@code s},
     * U+212A {@code k}, U+0131 {@code i}), so any non-ASCII character counts as a possible match.
     */
    static boolean mayStartWith(String text, int from, String word) {
        if (text.length() - from < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = text.charAt(from + k);
            if (c >= 0x80) {
                return true;
            }
            // ASCII: equal to the letter or its upper case
            if ((c | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
