package io.wireingest.core.attribution;

import io.wireingest.core.model.Contributor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads credit lines in English, Indonesian and Malay: source lines, contributor labels, bylines, copyright lines,
 * agency sign-offs, relays, end marks and photo credits. Patterns are compiled once; thread-safe.
 */
public final class CreditLines {
    private static final AgencyDirectory AGENCIES = AgencyDirectory.standard();
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern SOURCE = Pattern.compile(
            "^\\(?\\s*(?:sumber(?:\\s+berita)?|source|sources|sumber\\s+asal)\\s*:\\s*(?<v>[^:]{1,80}?)\\s*\\)?\\.?$",
            FLAGS);
    private static final String LABEL = "pewarta\\s+foto|pewarta|reporter|wartawan|penulis|editor|redaktur|penyunting"
            + "|penerjemah|penterjemah|alih\\s+bahasa|translator|translated\\s+by|fotografer|foto|photo(?:grapher)?|videografer"
            + "|writer|written\\s+by|ditulis\\s+oleh|disunting\\s+oleh|diterjemahkan\\s+oleh|sub-?editor|reported\\s+by";
    private static final Pattern LABELLED = Pattern.compile("^\\(?\\s*(?:" + LABEL + ")\\s*:", FLAGS);
    private static final Pattern LABEL_SPLIT = Pattern.compile("(?<label>" + LABEL + ")\\s*:\\s*", FLAGS);
    private static final Pattern BY_PHRASES = Pattern.compile(
            "^\\(?\\s*(?:(?:additional\\s+)?reporting|writing|written|editing|edited|compiled|translated|photos?|graphics?)"
                    + "\\s+by\\b",
            FLAGS);
    private static final Pattern BY_PHRASE = Pattern.compile(
            "(?<label>(?:additional\\s+)?reporting|writing|written|editing|edited|compiled|translated|photos?|graphics?)"
                    + "\\s+by\\s+(?<names>[^;]+)",
            FLAGS);
    private static final Pattern BYLINE =
            Pattern.compile("^(?<label>By|Oleh)\\s*:?\\s+(?<names>\\p{Lu}[^.;:!?]{1,100})$", Pattern.UNICODE_CASE);
    private static final Pattern COPYRIGHT =
            Pattern.compile("^(?:(?:copyright|hak\\s+cipta)\\s*(?:©|\\(c\\))?|©|\\(c\\))\\s*(?<rest>.{1,160})$", FLAGS);
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(?:19|20)\\d{2}(?!\\d)");
    private static final Pattern HOLDER_NOISE = Pattern.compile(
            "(?:all\\s+rights\\s+reserved|copyright|hak\\s+cipta(?!\\s+dilindungi)|©|\\(c\\)|hak\\s+cipta\\s+dilindungi(?:\\s+undang-undang)?|dilarang\\s+mengambil.*"
                    + "|(?<!\\d)(?:19|20)\\d{2}(?:\\s*[-–]\\s*(?:19|20)\\d{2})?|[.,;:|]+)",
            FLAGS);
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^(?:-{1,3}|—|–)\\s*(?<a>\\p{L}[\\p{L}\\-]{1,24})\\s*(?:-{1,3}|—|–)?\\.?$", Pattern.UNICODE_CASE);
    /**
     * An agency's code with the desk's code and the initials of the staff who handled the copy, as the last line
     * ({@code AFP sn}, {@code AAP RTV ar}, {@code dpa wsz jln}): the code in capitals (or dpa's lower case), initials
     * in lower case.
     */
    private static final Pattern DESK_SIGN_OFF = Pattern.compile(
            "^(?<a>\\p{Lu}{2,8}|\\p{Ll}{2,8})(?:\\s+\\p{Lu}{2,5})*\\s+\\p{Ll}{1,4}(?:[/ ]\\p{Ll}{1,4}){0,3}$",
            Pattern.UNICODE_CASE);
    /** An agency standing alone as the last line: {@code BERNAMA}, {@code (AFP)}. */
    private static final Pattern AGENCY_ALONE =
            Pattern.compile("^\\(?\\s*(?<a>\\p{Lu}[\\p{L}\\-. ]{1,24}?)\\s*\\)?\\.?$", Pattern.UNICODE_CASE);

    private static final Pattern END_MARK = Pattern.compile(
            "^(?:[(\\[]\\s*(?:end|ends|selesai|tamat)\\s*[)\\]]|-+\\s*(?:end|ends)\\s*-+|#{3}|(?:end|ends))\\.?$",
            FLAGS);
    private static final Pattern SLASHED =
            Pattern.compile("^\\(\\s*(?<a>[^()/]{1,30}?)\\s*/\\s*(?<b>[^()]{1,60}?)\\s*\\)\\.?$", Pattern.UNICODE_CASE);
    private static final Pattern PHOTO_LINE = Pattern.compile(
            "^(?:(?:foto|photo|gambar)\\s*:\\s*)?(?<a>\\p{L}[\\p{L} ]{1,24}?)\\s*/\\s*(?<b>\\p{Lu}[^/()]{1,60}?)"
                    + "(?:\\s*/\\s*[^/()]{1,30})?\\.?$",
            Pattern.UNICODE_CASE);
    private static final Pattern CODE = Pattern.compile("[\\p{Lu}\\d][\\p{Lu}\\d.\\-]{0,14}");
    private static final Pattern PERSON = Pattern.compile(
            "\\p{Lu}[\\p{L}.'’\\-]*(?:\\s+(?:bin|binti|van|de|da|al|el)?\\s*\\p{Lu}[\\p{L}.'’\\-]*){0,4}",
            Pattern.UNICODE_CASE);
    /** What follows a writer's name in a byline: an employer ({@code The …}, a known agency) or a job title. */
    private static final Pattern AFFILIATION = Pattern.compile(
            "(?:The\\s+.+|.*\\b(?:Correspondent|Writer|Reporter|Editor|Columnist|Critic|Analyst|Staff|Bureau Chief"
                    + "|Press|News|Times|Post|Tribune|Herald|Journal|Agency|Association|Media|Wire)s?)",
            FLAGS);

    private static final Pattern NAME_SPLIT = Pattern.compile("\\s*(?:,|;|&|\\band\\b|\\bdan\\b)\\s*", FLAGS);
    private static final Pattern AGENCY_SPLIT =
            Pattern.compile("\\s*(?:[-/,]|\\bvia\\b|\\bdan\\b|\\band\\b)\\s*", FLAGS);

    /** A sign-off glued to the end of a paragraph: {@code … said. -- BERNAMA}, {@code … (END)}. */
    private static final Pattern TAIL = Pattern.compile(
            "(?<tail>(?:-{1,3}|—|–)\\s*\\p{Lu}[\\p{L}\\-]{1,24}|[(\\[]\\s*(?:END|ENDS|SELESAI)\\s*[)\\]]"
                    + "|\\(\\s*[^()/]{1,30}/[^()]{1,60}\\)|\\(\\s*\\p{Lu}[\\p{L}\\-]{1,20}\\s*\\))\\s*\\.?\\s*$");

    /** Longer paragraphs are searched for a {@link #TAIL} in their last this many chars only. */
    private static final int TAIL_WINDOW = 256;
    /**
     * White-space runs up to this long keep every {@link #TAIL} match under {@link #TAIL_WINDOW} chars (at most 94
     * other chars and three runs); a paragraph with a longer run is searched whole.
     */
    private static final int TAIL_MAX_SPACES = 7;

    private CreditLines() {}

    /** Whether {@code text} has more than {@code max} white-space chars ({@code \s}) in a row. */
    private static boolean hasWhitespaceRun(String text, int max) {
        int run = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || (c <= '\r' && c >= '\t')) {
                if (++run > max) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /** Reads a whole line as a credit; empty when it is not one. */
    public static Optional<Credit> read(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String s = line.strip();
        if (s.isEmpty() || s.length() > 240) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = SOURCE.matcher(s)).matches()) {
            List<String> agencies = new ArrayList<>();
            for (String part : AGENCY_SPLIT.split(m.group("v"))) {
                if (!part.isBlank()) {
                    agencies.add(AGENCIES.canonical(part).orElse(part.strip()));
                }
            }
            return agencies.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Credit(Credit.Type.SOURCE, s, agencies, List.of(), null, null));
        }
        if (END_MARK.matcher(s).matches()) {
            return Optional.of(new Credit(Credit.Type.END_MARK, s, List.of(), List.of(), null, null));
        }
        if (LABELLED.matcher(s).lookingAt()) {
            return labelled(s);
        }
        if (BY_PHRASES.matcher(s).lookingAt()) {
            return byPhrases(s);
        }
        if ((m = COPYRIGHT.matcher(s)).matches()) {
            return copyright(s, m.group("rest"));
        }
        if ((m = SIGN_OFF.matcher(s)).matches()) {
            Optional<String> agency = AGENCIES.canonical(m.group("a"));
            return agency.map(a -> new Credit(Credit.Type.SIGN_OFF, s, List.of(a), List.of(), null, null));
        }
        if ((m = DESK_SIGN_OFF.matcher(s)).matches()
                && AGENCIES.is(m.group("a"), AgencyDirectory.Kind.AGENCY, AgencyDirectory.Kind.EXCHANGE)) {
            String agency = AGENCIES.canonical(m.group("a")).get();
            return Optional.of(new Credit(Credit.Type.SIGN_OFF, s, List.of(agency), List.of(), null, null));
        }
        if ((m = AGENCY_ALONE.matcher(s)).matches()
                && (s.startsWith("(") == s.replaceAll("\\.$", "").endsWith(")"))
                && (s.startsWith("(") || m.group("a").equals(m.group("a").toUpperCase(Locale.ROOT)))
                && AGENCIES.is(m.group("a"), AgencyDirectory.Kind.AGENCY, AgencyDirectory.Kind.EXCHANGE)) {
            String agency = AGENCIES.canonical(m.group("a")).get();
            return Optional.of(new Credit(Credit.Type.SIGN_OFF, s, List.of(agency), List.of(), null, null));
        }
        if ((m = SLASHED.matcher(s)).matches()) {
            return slashed(s, m.group("a"), m.group("b"));
        }
        if ((m = PHOTO_LINE.matcher(s)).matches()) {
            Optional<String> agency = AGENCIES.canonical(m.group("a"));
            String name = m.group("b").strip();
            if (agency.isPresent()
                    && PERSON.matcher(name).matches()
                    && AGENCIES.find(name).isEmpty()) {
                return Optional.of(new Credit(
                        Credit.Type.PHOTO,
                        s,
                        List.of(agency.get()),
                        List.of(new Contributor("photographer", name, null)),
                        null,
                        null));
            }
        }
        if ((m = BYLINE.matcher(s)).matches()) {
            return byline(s, m.group("label"), m.group("names"));
        }
        return Optional.empty();
    }

    /** Where a copyright notice starts inside a block that also holds other credits. */
    private static final Pattern COPYRIGHT_START =
            Pattern.compile("(?=(?:copyright|hak\\s+cipta)\\s*(?:©|\\(c\\))|©)", FLAGS);

    /**
     * Reads a block that may hold several credits run together ({@code Pewarta: A Editor: B COPYRIGHT © ANTARA
     * 2024}, as a page renders lines joined by {@code <br>}): every credit, or an empty list when any part is no credit.
     */
    public static List<Credit> readAll(String block) {
        if (block == null || block.isBlank()) {
            return List.of();
        }
        Optional<Credit> whole = read(block);
        if (whole.isPresent() && whole.get().type() != Credit.Type.CONTRIBUTORS) {
            return List.of(whole.get());
        }
        List<Credit> out = new ArrayList<>();
        String text = block.strip();
        Matcher start = COPYRIGHT_START.matcher(text);
        // Every match needs a © or a (c): without one, skip the search (a look-ahead tried at every position)
        boolean notice = text.indexOf('©') >= 0 || text.indexOf("(c)") >= 0 || text.indexOf("(C)") >= 0;
        List<String> parts = notice && start.find() && start.start() > 0
                ? List.of(text.substring(0, start.start()), text.substring(start.start()))
                : List.of(text);
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            Optional<Credit> credit = read(part);
            if (credit.isEmpty()) {
                return List.of();
            }
            out.add(credit.get());
        }
        return out;
    }

    /**
     * A name from a structured credit field of a format ({@code source}, {@code infoSources}, {@code distributor}):
     * the agency it names, canonical when the directory knows it, else as given; empty when it is no short name.
     */
    public static Optional<Credit> structuredName(String field) {
        if (field == null) {
            return Optional.empty();
        }
        // a dash or colon left over from a dateline-style credit ("STT–", "dpa:") is not part of the name
        String s = field.strip().replaceAll("[\\s\\-–—:]+$", "").replaceAll("^[\\s\\-–—:]+", "");
        if (s.isEmpty() || s.length() > 60 || s.matches(".*[.!?]\\s.*")) {
            return Optional.empty();
        }
        String name = AGENCIES.findPrefix(s).map(AgencyDirectory.Entry::name).orElse(s);
        return Optional.of(new Credit(Credit.Type.SIGN_OFF, s, List.of(name), List.of(), null, null));
    }

    /**
     * A credit glued to the end of a paragraph ({@code … the minister said. -- BERNAMA}): the credit and where it starts
     * in the text; empty when the paragraph ends in none.
     */
    public static Optional<Tail> tail(String text) {
        Matcher m = TAIL.matcher(text);
        if (text.length() > TAIL_WINDOW && !hasWhitespaceRun(text, TAIL_MAX_SPACES)) {
            // A match ends at the end and, without long runs of white space, is under 120 chars long: search only
            // the end of a long paragraph instead of trying the pattern at every position (same leftmost match).
            m.region(text.length() - TAIL_WINDOW, text.length());
        }
        if (!m.find()) {
            return Optional.empty();
        }
        int start = m.start("tail");
        String before = text.substring(0, start).stripTrailing();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        char last = before.charAt(before.length() - 1);
        if (".!?\"”’')".indexOf(last) < 0) {
            return Optional.empty();
        }
        return read(m.group("tail"))
                .filter(c -> c.type() != Credit.Type.CONTRIBUTORS && c.type() != Credit.Type.BYLINE)
                .map(c -> new Tail(c, start));
    }

    /**
     * A credit at the end of a paragraph.
     *
     * @param credit the credit
     * @param start where it starts in the paragraph's text
     */
    public record Tail(Credit credit, int start) {}

    private static Optional<Credit> labelled(String s) {
        String body = s.startsWith("(") && s.endsWith(")") ? s.substring(1, s.length() - 1) : s;
        Matcher m = LABEL_SPLIT.matcher(body);
        List<Contributor> people = new ArrayList<>();
        List<String> agencies = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            labels.add(m.group("label"));
        }
        for (int i = 0; i < spans.size(); i++) {
            int from = spans.get(i)[1];
            int to = i + 1 < spans.size() ? spans.get(i + 1)[0] : body.length();
            String label = labels.get(i).strip();
            String role = role(label);
            String value = body.substring(from, to).strip().replaceAll("[\\s|,;]+$", "");
            if (role.equals("photographer")) {
                Matcher photo = PHOTO_LINE.matcher(value);
                if (photo.matches() && AGENCIES.find(photo.group("a")).isPresent()) {
                    agencies.add(AGENCIES.canonical(photo.group("a")).get());
                    value = photo.group("b").strip();
                }
            }
            for (String name : names(value)) {
                Optional<String> agency = AGENCIES.canonical(name);
                if (agency.isPresent()) {
                    agencies.add(agency.get());
                } else {
                    people.add(new Contributor(role, name, label));
                }
            }
        }
        if (people.isEmpty() && agencies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credit(Credit.Type.CONTRIBUTORS, s, agencies, people, null, null));
    }

    private static Optional<Credit> byPhrases(String s) {
        String body = s.replaceAll("^\\(|\\)\\.?$", "");
        List<Contributor> people = new ArrayList<>();
        for (String part : body.split("\\s*;\\s*|(?<=\\p{Ll})\\.\\s+")) {
            Matcher m = BY_PHRASE.matcher(part.strip());
            if (!m.lookingAt()) {
                continue;
            }
            String label = m.group("label");
            String key = label.toLowerCase(Locale.ROOT);
            String role = key.contains("edit") || key.startsWith("compiled")
                    ? "editor"
                    : key.startsWith("translated")
                            ? "translator"
                            : key.startsWith("photo") ? "photographer" : "reporter";
            for (String name : names(m.group("names"))) {
                // "Reporting by Ana Cruz in Manila": the place is not part of the name
                String person = name.replaceAll("\\s+in\\s+\\p{Lu}.*$", "").strip();
                if (!person.isEmpty()) {
                    people.add(new Contributor(role, person, label + " by"));
                }
            }
        }
        return people.isEmpty()
                ? Optional.empty()
                : Optional.of(new Credit(Credit.Type.CONTRIBUTORS, s, List.of(), people, null, null));
    }

    private static Optional<Credit> byline(String s, String label, String names) {
        List<Contributor> people = new ArrayList<>();
        List<String> agencies = new ArrayList<>();
        for (String name : names(names)) {
            Optional<String> agency = AGENCIES.canonical(name);
            if (agency.isPresent()) {
                agencies.add(agency.get());
            } else if (!people.isEmpty() && AFFILIATION.matcher(name).matches()) {
                // "By Ian Jones, Press Association Political Correspondent", "By Ana Cruz, The Harbour Times":
                // the writer's employer or title, not another writer
                AGENCIES.findPrefix(name.replaceFirst("(?i)^the\\s+", ""))
                        .filter(e -> e.kind() != AgencyDirectory.Kind.MEDIA)
                        .ifPresent(e -> agencies.add(e.name()));
            } else if (PERSON.matcher(name).matches()) {
                people.add(new Contributor("reporter", name, label));
            } else {
                return Optional.empty();
            }
        }
        if (people.isEmpty() && agencies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credit(Credit.Type.BYLINE, s, agencies, people, null, null));
    }

    private static Optional<Credit> copyright(String s, String rest) {
        Matcher y = YEAR.matcher(rest);
        Integer year = y.find() ? Integer.valueOf(y.group()) : null;
        String holder = HOLDER_NOISE
                .matcher(rest)
                .replaceAll(" ")
                .replaceAll("\\s+", " ")
                .strip();
        holder = holder.replaceAll("^[©\\s-]+|[\\s-]+$", "");
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        String canonical = AGENCIES.canonical(holder).orElse(holder);
        List<String> agencies = AGENCIES.find(holder).isPresent() ? List.of(canonical) : List.of();
        return Optional.of(new Credit(Credit.Type.COPYRIGHT, s, agencies, List.of(), canonical, year));
    }

    private static Optional<Credit> slashed(String s, String a, String b) {
        Optional<String> first = AGENCIES.canonical(a);
        Optional<String> second = AGENCIES.canonical(b);
        if (first.isPresent() && second.isPresent()) {
            return Optional.of(
                    new Credit(Credit.Type.RELAY, s, List.of(first.get(), second.get()), List.of(), null, null));
        }
        if (first.isPresent() && CODE.matcher(b.strip()).matches()) {
            return Optional.of(new Credit(Credit.Type.SIGN_OFF, s, List.of(first.get()), List.of(), null, null));
        }
        if (first.isPresent() && PERSON.matcher(b.strip()).matches()) {
            return Optional.of(new Credit(
                    Credit.Type.PHOTO,
                    s,
                    List.of(first.get()),
                    List.of(new Contributor("photographer", b.strip(), null)),
                    null,
                    null));
        }
        return Optional.empty();
    }

    private static String role(String label) {
        String k = label.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (k.startsWith("pewarta foto") || k.startsWith("foto") || k.startsWith("photo")) {
            return "photographer";
        }
        if (k.startsWith("videografer")) {
            return "videographer";
        }
        if (k.contains("edit") || k.startsWith("redaktur") || k.startsWith("penyunting") || k.startsWith("disunting")) {
            return "editor";
        }
        if (k.contains("erjemah") || k.startsWith("alih") || k.startsWith("translat")) {
            return "translator";
        }
        return "reporter";
    }

    private static List<String> names(String value) {
        List<String> out = new ArrayList<>();
        for (String n : NAME_SPLIT.split(value)) {
            String name = n.strip().replaceAll("^[\\s(]+|[\\s).]+$", "");
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }
}
