package io.wireingest.core.dateline;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Month and weekday names in English, Indonesian and Malay, full and abbreviated ({@code Sept.}, {@code Agu},
 * {@code Okt}, {@code Des}, {@code Ogos}, {@code Mac}), and the regular-expression alternations that match them.
 */
final class DateWords {
    private DateWords() {}

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, DayOfWeek> WEEKDAYS = new HashMap<>();

    static {
        month(1, "january", "jan", "januari", "janvier");
        month(2, "february", "feb", "februari", "pebruari", "peb", "febr");
        month(3, "march", "mar", "maret", "mac", "mrt");
        month(4, "april", "apr", "avril");
        month(5, "may", "mei");
        month(6, "june", "jun", "juni");
        month(7, "july", "jul", "juli", "julai");
        month(8, "august", "aug", "agustus", "agu", "agt", "ags", "ogos", "ogo", "ogs");
        month(9, "september", "sep", "sept", "sep");
        month(10, "october", "oct", "oktober", "okt");
        month(11, "november", "nov", "nopember", "nop");
        month(12, "december", "dec", "desember", "des", "disember", "dis");
        weekday(DayOfWeek.MONDAY, "monday", "mon", "senin", "isnin");
        weekday(DayOfWeek.TUESDAY, "tuesday", "tue", "tues", "selasa");
        weekday(DayOfWeek.WEDNESDAY, "wednesday", "wed", "rabu");
        weekday(DayOfWeek.THURSDAY, "thursday", "thu", "thur", "thurs", "kamis", "khamis");
        weekday(DayOfWeek.FRIDAY, "friday", "fri", "jumat", "jum'at", "jumaat");
        weekday(DayOfWeek.SATURDAY, "saturday", "sat", "sabtu");
        weekday(DayOfWeek.SUNDAY, "sunday", "sun", "minggu", "ahad");
    }

    /** Matches one month name (case-insensitive flag expected on the enclosing pattern), without a trailing dot. */
    static final String MONTH = alternation(MONTHS.keySet());

    /** Matches one weekday name, without a trailing dot. */
    static final String WEEKDAY = alternation(WEEKDAYS.keySet());

    /** Full weekday names only (no three-letter abbreviations), for running text where "sun" or "sat" are words. */
    static final String WEEKDAY_FULL = alternation(WEEKDAYS.keySet().stream()
            .filter(w -> w.length() > 4 || w.equals("rabu") || w.equals("ahad"))
            .toList());

    /** The month (1-12) a name stands for, or 0. */
    static int month(String name) {
        if (name == null) {
            return 0;
        }
        Integer m = MONTHS.get(clean(name));
        return m == null ? 0 : m;
    }

    /** The weekday a name stands for, or null. */
    static DayOfWeek weekday(String name) {
        return name == null ? null : WEEKDAYS.get(clean(name));
    }

    static boolean isMonthOrWeekday(String word) {
        String k = clean(word);
        return MONTHS.containsKey(k) || WEEKDAYS.containsKey(k);
    }

    private static String clean(String name) {
        String k = name.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        if (k.endsWith(".")) {
            k = k.substring(0, k.length() - 1);
        }
        return k;
    }

    private static void month(int m, String... names) {
        for (String n : names) {
            MONTHS.put(n, m);
        }
    }

    private static void weekday(DayOfWeek d, String... names) {
        for (String n : names) {
            WEEKDAYS.put(n, d);
        }
    }

    private static String alternation(java.util.Collection<String> words) {
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        StringBuilder sb = new StringBuilder("(?:");
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                sb.append('|');
            }
            sb.append(sorted.get(i).replace("'", "['’]"));
        }
        return sb.append(')').toString();
    }
}
