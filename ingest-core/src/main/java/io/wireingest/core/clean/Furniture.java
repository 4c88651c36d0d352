package io.wireingest.core.clean;

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
}
