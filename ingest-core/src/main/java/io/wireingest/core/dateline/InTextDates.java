package io.wireingest.core.dateline;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in running text that can date a story whose dateline has none: the Indonesian forms {@code Jumat (28/7)} and
 * {@code Kamis (19/4/2018)}, with an optional time and zone ({@code pukul 19.55 Wita}); written-out dates with a weekday,
 * a year or a time ({@code Senin, 4 Desember 2023 10.15 WIB}); and a bare weekday ({@code pada Sabtu}) that is placed by
 * a nearby anchored date.
 */
final class InTextDates {
    private InTextDates() {}

    /**
     * A date found in text.
     *
     * @param parts the date taken apart
     * @param start where it starts in the text
     */
    record Found(DateParts parts, int start) {}

    private static final String WD = "(?<wd>" + DateWords.WEEKDAY_FULL + ")";
    private static final String TIME =
            "(?:\\s*[,|\\-–—]?\\s*(?:(?:sekitar\\s+)?(?:pukul|jam|pkl\\.?|pk\\.?|at|around)\\s*)?"
                    + "(?<h>\\d{1,2})[.:](?<min>\\d{2})(?:[.:]\\d{2})?(?![\\d.:]\\d)(?:\\s*(?<ampm>[ap]\\.?\\s?m\\.?))?"
                    + "(?:\\s*\\(?(?<tz>" + TimeZoneTable.ABBREVIATION + ")\\)?(?![\\p{L}]))?)?";
    /** A time printed before the date it belongs to: {@code pukul 19.55 Wita, Jumat (22/9)}. */
    private static final String TIME_BEFORE = "(?:(?:pukul|jam)\\s*(?<h0>\\d{1,2})[.:](?<min0>\\d{2})"
            + "(?:\\s*(?<tz0>" + TimeZoneTable.ABBREVIATION + ")(?![\\p{L}]))?\\s*,?\\s*)?";

    private static final Pattern ANCHORED = Pattern.compile(
            "(?<![\\p{L}])" + TIME_BEFORE + WD
                    + "\\s*\\(\\s*(?<d>\\d{1,2})\\s*/\\s*(?<m>\\d{1,2})(?:\\s*/\\s*(?<y>\\d{2,4}))?\\s*\\)" + TIME,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern WRITTEN = Pattern.compile(
            "(?<![\\p{L}\\d])(?:" + WD + "\\s*,?\\s*)?(?:"
                    + "(?<d>\\d{1,2})\\s+(?<mon>" + DateWords.MONTH + ")\\.?(?:\\s*,?\\s*(?<y>\\d{4}))?"
                    + "|(?<mon2>" + DateWords.MONTH
                    + ")\\.?\\s+(?<d2>\\d{1,2})(?:st|nd|rd|th)?(?:\\s*,\\s*(?<y2>\\d{4}))?"
                    + "|(?<d3>\\d{1,2})/(?<m3>\\d{1,2})/(?<y3>\\d{4})|(?<y4>\\d{4})-(?<m4>\\d{2})-(?<d4>\\d{2}))"
                    + "(?![\\p{L}\\d])" + TIME,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern BARE_WEEKDAY = Pattern.compile(
            "(?<![\\p{L}])(?:pada|on|hari|sejak|since|last)\\s+(?:hari\\s+)?" + WD + "(?![\\p{L}])(?!\\s*[(,]?\\s*\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The first anchored or written-out date in the text, if any. */
    static Optional<Found> first(String text) {
        Matcher a = ANCHORED.matcher(text);
        Found anchored = null;
        // Every form holds a digit (and the anchored one a slash): cheap checks spare the scans of most paragraphs.
        if (text.indexOf('/') >= 0 && a.find()) {
            anchored = build(
                    text.substring(a.start(), end(a)).strip(),
                    a,
                    a.group("wd"),
                    Integer.parseInt(a.group("m")),
                    Integer.parseInt(a.group("d")),
                    a.group("y"),
                    a.start());
        }
        Matcher w = WRITTEN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        Found written = null;
        Matcher digits = DIGITS.matcher(text);
        int scanned = 0;
        while (digits.find()) {
            // a written date starts at most a weekday, a comma and a month name before its first digit
            int from = Math.max(scanned, digits.start() - 30);
            w.region(from, Math.min(text.length(), digits.end() + 60));
            if (!w.find()) {
                scanned = Math.max(scanned, digits.start());
                continue;
            }
            scanned = w.end();
            String wd = w.group("wd");
            String y;
            int month;
            int day;
            if (w.group("d") != null) {
                y = w.group("y");
                month = DateWords.month(w.group("mon"));
                day = Integer.parseInt(w.group("d"));
            } else if (w.group("d2") != null) {
                y = w.group("y2");
                month = DateWords.month(w.group("mon2"));
                day = Integer.parseInt(w.group("d2"));
            } else if (w.group("d3") != null) {
                y = w.group("y3");
                month = Integer.parseInt(w.group("m3"));
                day = Integer.parseInt(w.group("d3"));
            } else {
                y = w.group("y4");
                month = Integer.parseInt(w.group("m4"));
                day = Integer.parseInt(w.group("d4"));
            }
            // A bare "4 December" without weekday, year or time is too weak to date a story.
            if (wd == null && y == null && w.group("h") == null) {
                continue;
            }
            written = build(text.substring(w.start(), end(w)).strip(), w, wd, month, day, y, w.start());
            break;
        }
        if (anchored == null) {
            return Optional.ofNullable(written);
        }
        if (written == null) {
            return Optional.of(anchored);
        }
        return Optional.of(anchored.start() <= written.start() ? anchored : written);
    }

    /** The first bare weekday ({@code pada Sabtu}) in the text, with the weekday word as printed. */
    static Optional<Found> bareWeekday(String text) {
        Matcher m = BARE_WEEKDAY.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        DayOfWeek wd = DateWords.weekday(m.group("wd"));
        return Optional.of(new Found(new DateParts(m.group("wd"), null, 0, 0, wd, null, null), m.start("wd")));
    }

    /** End of the match without a trailing time group that did not match anything useful. */
    private static int end(Matcher m) {
        return m.end();
    }

    /** A named group's text, or null when the pattern has no such group or it did not match. */
    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Found build(String printed, Matcher m, String weekday, int month, int day, String year, int start) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        Integer y = null;
        if (year != null) {
            int v = Integer.parseInt(year);
            y = year.length() <= 2 ? 2000 + v : v;
        }
        LocalTime time = null;
        ZoneOffset offset = null;
        String hour = group(m, "h") != null ? group(m, "h") : group(m, "h0");
        if (hour != null) {
            int h = Integer.parseInt(hour);
            int min = Integer.parseInt(group(m, "h") != null ? group(m, "min") : group(m, "min0"));
            String ampm = group(m, "h") != null ? group(m, "ampm") : null;
            if (ampm != null) {
                boolean pm = Character.toLowerCase(ampm.charAt(0)) == 'p';
                if (h == 12) {
                    h = pm ? 12 : 0;
                } else if (pm) {
                    h += 12;
                }
            }
            if (h <= 23 && min <= 59) {
                time = LocalTime.of(h, min);
            }
            String tz = group(m, "h") != null ? group(m, "tz") : group(m, "tz0");
            if (tz != null) {
                offset = TimeZoneTable.offset(tz).orElse(null);
            }
        }
        DayOfWeek wd = weekday == null ? null : DateWords.weekday(weekday);
        return new Found(new DateParts(printed, y, month, day, wd, time, offset), start);
    }
}
