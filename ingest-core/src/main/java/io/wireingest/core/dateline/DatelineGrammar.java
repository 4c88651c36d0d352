package io.wireingest.core.dateline;

import io.wireingest.core.attribution.AgencyDirectory;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small grammar of dateline parts that every agency style is built from:
 *
 * <pre>
 * dateline  = [byline] [outlet ","] places {"," region|outlet} [[","] date] (agency [separator] | separator)
 * places    = place {"/" place}                       SEOUL/WASHINGTON
 * region    = capitalised words                       South Korea, Pa., Philippines
 * outlet    = a domain-like name or a known outlet     KOMPAS.com, TEMPO.CO
 * date      = [weekday [","]] (month day [[","] year] | day month [year] | d/m[/y] | y-m-d) | weekday "(" d/m[/y] ")"
 * agency    = "(" name {("-"|"/") name} ")"            (ANTARA), (NNN-BERNAMA), (Ant/Xinhua)
 *           | "/" name "/" ["."]                       /TASS/.
 *           | name                                     Kyodo (after a date)
 * separator = - | -- | – | — | _ | : (or none after an agency)
 * </pre>
 *
 * Parts are regular expressions composed once; what a part matched is then checked against the gazetteer and the
 * agency directory, so that a sentence that merely looks like a dateline is not taken for one. Thread-safe.
 */
final class DatelineGrammar {
    private static final AgencyDirectory AGENCIES = AgencyDirectory.standard();
    private static final Gazetteer GAZETTEER = Gazetteer.standard();

    /**
     * What the grammar read from a lead.
     *
     * @param text the dateline as printed (without a byline before it)
     * @param end where the story text starts in the lead
     * @param byline a byline printed before the dateline ({@code By Jane Doe}), or null
     * @param prefixOutlet an outlet printed before the place ({@code TEMPO.CO}), or null
     * @param places the places as printed
     * @param regions what followed the places after commas (regions, countries, outlets), as printed
     * @param dateText the date as printed, or null
     * @param date the date taken apart, or null
     * @param agencyPrinted the agency as printed inside its brackets or slashes, or null
     */
    record Reading(
            String text,
            int end,
            String byline,
            String prefixOutlet,
            List<String> places,
            List<String> regions,
            String dateText,
            DateParts date,
            String agencyPrinted) {
        /** This reading with another printed text, end and printed agency; places and date stay. */
        Reading with(String newText, int newEnd, String newAgencyPrinted) {
            return new Reading(
                    newText, newEnd, byline, prefixOutlet, places, regions, dateText, date, newAgencyPrinted);
        }

        /** This reading with the date of another (a structured field's). */
        Reading withDateOf(Reading dated) {
            return new Reading(
                    text, end, byline, prefixOutlet, places, regions, dated.dateText, dated.date, agencyPrinted);
        }
    }

    private static final String WORD = "\\p{Lu}(?:[\\p{L}\\p{M}'’\\-]|\\.(?!\\p{Ll}{2}))*";
    private static final String PARTICLE =
            "(?:de|da|di|del|des|do|dos|du|el|es|al|la|le|van|der|den|von|upon|sur|bin|binti|of|on|am|an|der)";
    private static final String PLACE = WORD + "(?:(?:\\s+" + PARTICLE + ")*\\s+" + WORD + "){0,4}";
    private static final String DOMAIN = "[\\p{L}\\d][\\p{L}\\d\\-]*(?:\\.\\p{L}{2,}){1,3}";
    private static final String REGION = "(?:" + DOMAIN + "|" + WORD + "(?:\\s+" + WORD + "){0,3})";
    private static final String WD = "(?i:" + DateWords.WEEKDAY + ")\\.?";
    private static final String NUM = "\\d{1,2}\\s*/\\s*\\d{1,2}(?:\\s*/\\s*\\d{2,4})?|\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}"
            + "|\\d{1,2}-\\d{1,2}-\\d{2,4}";
    private static final String MDY =
            "(?i:" + DateWords.MONTH + ")\\.?\\s*\\d{1,2}(?:st|nd|rd|th)?(?!\\d)(?:\\s*,?\\s*\\d{4}(?!\\d))?";
    private static final String DMY =
            "\\d{1,2}\\s+(?i:" + DateWords.MONTH + ")\\.?(?![\\p{L}])(?:\\s*,?\\s*\\d{4}(?!\\d))?";
    private static final String ISO = "\\d{4}-\\d{2}-\\d{2}";
    private static final String DATE = "(?:" + WD + "\\s*\\(\\s*(?:" + NUM + ")\\s*\\)|(?:" + WD + "\\s*,?\\s*)?(?:"
            + ISO + "|" + MDY + "|" + DMY + "|" + NUM + "))";
    private static final String AGENCY = "(?:\\s*,?\\s*\\(\\s*(?<paren>[^()]{1,50}?)\\s*\\)"
            + "|\\s*\\.?\\s*/\\s*(?<slash>\\p{L}[\\p{L}\\-]{1,20})\\s*/\\s*\\.?"
            + "|\\s+(?<bare>\\p{Lu}[\\p{L}\\-]{1,15}))";
    private static final String SEPARATOR = "\\s*(?<sep>\\.-|-{1,3}|–{1,2}|—{1,2}|_|:|\\|)";
    private static final String BODY_START = "(?=\\s*(?:[\\p{Lu}\\p{N}\"“'‘(\\[]|$))";
    private static final String BYLINE =
            "(?:By\\s+(?<byline>\\p{Lu}[\\p{Ll}'’\\-]+\\.?(?:\\s*(?:,|and|dan|&)?\\s*\\p{Lu}[\\p{L}'’\\-.]*){0,6}?)"
                    + "\\s+(?=\\p{Lu}{2,}))?";

    private static final Pattern DATELINE;

    static {
        List<String> outlets = new ArrayList<>();
        for (AgencyDirectory.Entry e : AGENCIES.entries()) {
            if (e.kind() == AgencyDirectory.Kind.OUTLET) {
                for (String a : e.aliases()) {
                    outlets.add(Pattern.quote(a));
                }
            }
        }
        outlets.sort(Comparator.comparingInt(String::length).reversed());
        String prefix = "(?:(?<prefix>" + DOMAIN + "|(?i:" + String.join("|", outlets) + "))\\s*,\\s*)?";
        DATELINE = Pattern.compile("^\\s*" + BYLINE + "(?<start>)" + prefix
                + "(?:(?<places>" + PLACE + "(?:\\s*/\\s*" + PLACE + ")*)|(?=" + DATE + "\\s*\\())"
                + "(?<regions>(?:\\s*,\\s*" + REGION + "){0,3}?)"
                + "(?:\\s*,?\\s*(?<date>" + DATE + ")\\.?)?"
                + "(?:(?<agency>" + AGENCY + ")(?:" + SEPARATOR + ")?|" + SEPARATOR.replace("<sep>", "<sep2>") + ")"
                + BODY_START);
    }

    private static final Pattern REGION_SPLIT = Pattern.compile("\\s*,\\s*");
    private static final Pattern PLACE_SPLIT = Pattern.compile("\\s*/\\s*");
    private static final Pattern AGENCY_SPLIT = Pattern.compile("\\s*[-/]\\s*");
    /** A desk code after a known agency, as dpa prints its regional services: {@code dpa/lno}. */
    private static final Pattern REGIONAL_CODE = Pattern.compile("\\p{Ll}{2,5}");

    private static final Pattern UNKNOWN_CODE = Pattern.compile("\\p{Lu}[\\p{Lu}\\d]{1,7}");

    /** Words that start sentences, never datelines. */
    private static final Set<String> NOT_PLACES = java.util.stream.Stream.of(
                    "the",
                    "a",
                    "an",
                    "in",
                    "on",
                    "at",
                    "for",
                    "after",
                    "before",
                    "when",
                    "while",
                    "if",
                    "this",
                    "that",
                    "these",
                    "those",
                    "it",
                    "he",
                    "she",
                    "they",
                    "we",
                    "i",
                    "pada",
                    "dalam",
                    "di",
                    "ke",
                    "dari",
                    "ini",
                    "itu",
                    "sementara",
                    "selain",
                    "menurut",
                    "saat",
                    "ketika",
                    "setelah",
                    "sebelum",
                    "namun",
                    "tetapi",
                    "kami",
                    "kita",
                    "dia",
                    "mereka",
                    "para",
                    "seorang",
                    "sebuah",
                    "bagi",
                    "untuk",
                    "yang",
                    "dengan",
                    "oleh",
                    "adapun",
                    "kini",
                    "hari",
                    "tahun",
                    "sejumlah",
                    "sebanyak",
                    "presiden",
                    "president",
                    "menteri",
                    "minister",
                    "gubernur",
                    "governor",
                    "polisi",
                    "police",
                    "kepala",
                    "ketua",
                    "wakil",
                    "by",
                    "oleh",
                    "reporting",
                    "editing",
                    "sumber",
                    "source",
                    "pewarta",
                    "editor",
                    "foto",
                    "photo",
                    "copyright",
                    "baca",
                    "read",
                    "berita",
                    "news",
                    "update",
                    "updated",
                    "diperbarui",
                    "posted",
                    "published")
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private DatelineGrammar() {}

    /** A site name standing alone as the dateline ({@code Suara.com - …}), as some outlets print it. */
    private static final Pattern OUTLET_ONLY = Pattern.compile("^\\s*(?<outlet>[\\p{L}\\d][\\p{L}\\d\\-]*"
            + "\\.(?i:com|net|org|id|co\\.id|tv|news|info|asia|my|com\\.my|sg|com\\.sg|in|co\\.in|ph|vn|kr|co\\.kr|jp"
            + "|cn|co|co\\.uk))\\s*(?<sep>-{1,3}|–{1,2}|—{1,2})\\s*(?=[\\p{Lu}\\p{N}\"“'‘])");

    /** Reads the dateline at the start of a lead, if there is one that the gazetteer and directory can vouch for. */
    static Optional<Reading> read(String lead) {
        if (lead == null || lead.isBlank()) {
            return Optional.empty();
        }
        Matcher first = AGENCY_FIRST.matcher(lead);
        if (first.lookingAt() && agencyKnown(first.group("a"))) {
            // "(ANSA) - Rome, October 11 - …": the agency printed before the place
            Optional<Reading> rest = readPlaced(lead.substring(first.end()));
            if (rest.isPresent()
                    && rest.get().agencyPrinted() == null
                    && !rest.get().places().isEmpty()) {
                int end = first.end() + rest.get().end();
                return Optional.of(rest.get()
                        .with(
                                lead.substring(0, end).strip(),
                                end,
                                first.group("a").strip()));
            }
        }
        return readPlaced(lead);
    }

    /** An agency in parentheses before the place: {@code (ANSA) - }. */
    private static final Pattern AGENCY_FIRST =
            Pattern.compile("\\(\\s*(?<a>\\p{L}[\\p{L}\\-/ ]{1,23})\\s*\\)\\s*(?:-{1,3}|–|—)\\s+");

    private static Optional<Reading> readPlaced(String lead) {
        if (lead == null || lead.isBlank()) {
            return Optional.empty();
        }
        String s = lead.length() > 400 ? lead.substring(0, 400) : lead;
        Matcher m = DATELINE.matcher(s);
        if (!m.lookingAt()) {
            Matcher o = OUTLET_ONLY.matcher(s);
            if (o.lookingAt()) {
                return Optional.of(new Reading(
                        s.substring(0, o.end()).strip(),
                        o.end(),
                        null,
                        o.group("outlet"),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null));
            }
            return Optional.empty();
        }
        String placesText = m.group("places");
        // A dateline without a place ("Jan 3 (OPTA) -") needs a date and a known agency.
        if (placesText == null
                && (m.group("date") == null || m.group("paren") == null || !agencyKnown(m.group("paren")))) {
            return Optional.empty();
        }
        List<String> places = placesText == null ? List.of() : List.of(PLACE_SPLIT.split(placesText.strip()));
        for (String p : places) {
            String first = firstWord(p);
            boolean known = GAZETTEER.city(p).isPresent();
            if ((!known && NOT_PLACES.contains(first.toLowerCase(Locale.ROOT).replace(".", "")))
                    || DateWords.isMonthOrWeekday(first)
                    || p.length() > 40
                    || (!known && AGENCIES.find(p).isPresent())) {
                return Optional.empty();
            }
        }
        List<String> regions = new ArrayList<>();
        String regionsText = m.group("regions").strip();
        if (!regionsText.isEmpty()) {
            for (String r : REGION_SPLIT.split(regionsText)) {
                if (!r.isBlank()) {
                    if (DateWords.isMonthOrWeekday(r.split("\\s+")[0])) {
                        return Optional.empty();
                    }
                    regions.add(r.strip());
                }
            }
        }
        String paren = m.group("paren");
        String slash = m.group("slash");
        String bare = m.group("bare");
        String agency = paren != null ? paren.strip() : slash != null ? slash : bare;
        if (bare != null && !AGENCIES.is(bare, AgencyDirectory.Kind.AGENCY, AgencyDirectory.Kind.EXCHANGE)) {
            return Optional.empty();
        }
        if (slash != null && AGENCIES.find(slash).isEmpty()) {
            return Optional.empty();
        }
        boolean placeVouched = places.stream().allMatch(DatelineGrammar::vouched);
        boolean countryPrinted =
                regions.stream().anyMatch(r -> GAZETTEER.countryCode(r).isPresent());
        if (paren != null && !agencyKnown(paren)) {
            if (!UNKNOWN_CODE.matcher(paren.strip()).matches() || !placeVouched) {
                return Optional.empty();
            }
        }
        String dateText = m.group("date");
        String sep = m.group("sep") != null ? m.group("sep") : m.group("sep2");
        if (agency == null && dateText == null) {
            boolean dash = sep != null && !sep.equals(":") && !sep.equals("|");
            // "NEW DELHI: …" (Indian desks) takes a colon only after a place in capitals.
            boolean colon = ":".equals(sep) && places.stream().allMatch(DatelineGrammar::capitals);
            if (!(dash || colon) || !(placeVouched || countryPrinted)) {
                return Optional.empty();
            }
        }
        if (agency == null && sep == null) {
            return Optional.empty();
        }
        DateParts date = null;
        if (dateText != null) {
            dateText = dateText.strip();
            date = parseDate(dateText);
            if (date == null) {
                return Optional.empty();
            }
        }
        int start = m.start("start");
        int end = m.end();
        String text = s.substring(start, end).strip();
        return Optional.of(new Reading(
                text, end, m.group("byline"), m.group("prefix"), places, List.copyOf(regions), dateText, date, agency));
    }

    /** The text up to its first white space as regex {@code \\s} means it (the whole text when it has none). */
    private static String firstWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /** A place is vouched for when the gazetteer knows it or it is printed in capitals, as desks print datelines. */
    private static boolean vouched(String place) {
        if (GAZETTEER.city(place).isPresent()) {
            return true;
        }
        int letters = 0;
        for (int i = 0; i < place.length(); ) {
            int c = place.codePointAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isLowerCase(c)) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return letters >= 3;
    }

    private static boolean capitals(String place) {
        return place.equals(place.toUpperCase(Locale.ROOT)) && place.chars().anyMatch(Character::isLetter);
    }

    private static boolean agencyKnown(String printed) {
        if (AGENCIES.findPrefix(printed).isPresent()) {
            return true;
        }
        String[] parts = AGENCY_SPLIT.split(printed.strip());
        boolean any = false;
        for (String p : parts) {
            if (AGENCIES.find(p).isPresent()) {
                any = true;
            } else if (!UNKNOWN_CODE.matcher(p).matches()
                    && !(any && REGIONAL_CODE.matcher(p).matches())) {
                return false;
            }
        }
        return any;
    }

    private static final Pattern P_WD_PAREN = Pattern.compile(
            "(?<wd>" + WD + ")\\s*\\(\\s*(?<d>\\d{1,2})\\s*/\\s*(?<m>\\d{1,2})(?:\\s*/\\s*(?<y>\\d{2,4}))?\\s*\\)");
    private static final Pattern P_MDY = Pattern.compile("(?:(?<wd>" + WD + ")\\s*,?\\s*)?(?<mon>(?i:" + DateWords.MONTH
            + "))\\.?\\s*(?<d>\\d{1,2})(?:st|nd|rd|th)?(?:\\s*,?\\s*(?<y>\\d{4}))?");
    private static final Pattern P_DMY = Pattern.compile("(?:(?<wd>" + WD + ")\\s*,?\\s*)?(?<d>\\d{1,2})\\s+(?<mon>(?i:"
            + DateWords.MONTH + "))\\.?(?:\\s*,?\\s*(?<y>\\d{4}))?");
    private static final Pattern P_NUM = Pattern.compile("(?:(?<wd>" + WD + ")\\s*,?\\s*)?(?<a>\\d{1,2})\\s*[/.\\-]\\s*"
            + "(?<b>\\d{1,2})(?:\\s*[/.\\-]\\s*(?<y>\\d{2,4}))?");
    private static final Pattern P_ISO = Pattern.compile("(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})");

    /** Takes a printed date apart; null when it is no date. */
    static DateParts parseDate(String text) {
        Matcher m;
        if ((m = P_ISO.matcher(text)).matches()) {
            return new DateParts(
                    text,
                    Integer.parseInt(m.group("y")),
                    Integer.parseInt(m.group("m")),
                    Integer.parseInt(m.group("d")),
                    null,
                    null,
                    null);
        }
        if ((m = P_WD_PAREN.matcher(text)).matches()) {
            return parts(
                    text, m.group("wd"), Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")), m.group("y"));
        }
        if ((m = P_MDY.matcher(text)).matches()) {
            return parts(
                    text, m.group("wd"), DateWords.month(m.group("mon")), Integer.parseInt(m.group("d")), m.group("y"));
        }
        if ((m = P_DMY.matcher(text)).matches()) {
            return parts(
                    text, m.group("wd"), DateWords.month(m.group("mon")), Integer.parseInt(m.group("d")), m.group("y"));
        }
        if ((m = P_NUM.matcher(text)).matches()) {
            int a = Integer.parseInt(m.group("a"));
            int b = Integer.parseInt(m.group("b"));
            // Day first, as Asian and European desks print it; month first only when the day-first reading is
            // impossible.
            int day = a;
            int month = b;
            if (b > 12 && a <= 12) {
                day = b;
                month = a;
            }
            return parts(text, m.group("wd"), month, day, m.group("y"));
        }
        return null;
    }

    private static DateParts parts(String text, String weekday, int month, int day, String year) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        Integer y = null;
        if (year != null) {
            int v = Integer.parseInt(year);
            y = year.length() <= 2 ? 2000 + v : v;
        }
        DayOfWeek wd = weekday == null ? null : DateWords.weekday(weekday);
        return new DateParts(text, y, month, day, wd, null, null);
    }
}
