package io.wireingest.core.dateline;

import io.wireingest.core.attribution.AgencyDirectory;
import io.wireingest.core.format.TextBlocks;
import io.wireingest.core.model.Dateline;
import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.pipeline.StoryStage;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Reads the dateline from the story's structured field or the lead of its first paragraph, sets
 * {@link Story#dateline}, and strips the lead from the body. Places get their usual spelling and country from the
 * {@link Gazetteer}, agencies their canonical name from the {@link AgencyDirectory}, and dates a calendar date against
 * the story's own timestamp, else the time the item was received ({@link DateResolution}). A dateline without a date
 * takes one from an in-text date of the lead ({@code Jumat (28/7)}), marked as inferred. A lead that looks like a
 * dateline but cannot be read is left in the body, with a warning.
 */
public final class ExtractDateline implements StoryStage {
    private static final AgencyDirectory AGENCIES = AgencyDirectory.standard();
    private static final Gazetteer GAZETTEER = Gazetteer.standard();

    /** A paragraph that is only a byline, which may stand before the dateline paragraph. */
    private static final Pattern BYLINE_ONLY = Pattern.compile("^(?:By|Oleh)\\s+[^.!?]{2,80}$");

    /** A desk advisory standing before the story: {@code (Adds comments, detail)}, {@code (Updates with ...)}. */
    private static final Pattern ADVISORY = Pattern.compile(
            "^\\((?:Adds|Updates|Corrects|Recasts|Repeats|Refiles|Rewrites|Changes|Fixes|Moves|Writes through|Inserts"
                    + "|Removes|Deletes|New throughout|Releads|Re-leads|Advances|Clarifies)\\b[^()]{0,160}\\)$");

    /** A summary bullet above the story ({@code * Dollar index down 0.1 percent}, Reuters "factbox" tops). */
    private static final Pattern SUMMARY_BULLET = Pattern.compile("^[*•]\\s+\\S");

    /** Something that starts like a dateline (a short capitalised head and a dash) but that the grammar refused. */
    private static final Pattern DATELINE_LIKE =
            Pattern.compile("^\\s*\\p{Lu}[^.!?\\n]{1,60}?(?:\\([^()]{1,40}\\))?\\s*(?:-{1,3}|–|—)\\s+\\S");

    /** An ISO-like timestamp: {@code 20170102T222800+0000}, {@code 2018-01-03 20:13:08 GMT+00:00}. */
    private static final Pattern TIMESTAMP_FIELD = Pattern.compile(
            "(?<y>\\d{4})-?(?<mo>\\d{2})-?(?<d>\\d{2})(?:[T ]\\s*(?<h>\\d{2}):?(?<mi>\\d{2})(?::?(?<s>\\d{2}))?"
                    + "(?:\\.\\d+)?\\s*(?:GMT|UTC)?\\s*(?<off>Z|[+-]\\d{2}:?\\d{2})?)?");

    private static final Pattern DOMAIN_LIKE = Pattern.compile("[\\p{L}\\d][\\p{L}\\d\\-]*(?:\\.\\p{L}{2,}){1,3}");
    private static final Pattern AGENCY_PARTS = Pattern.compile("(?<=[-/])|(?=[-/])");

    private static final Set<String> LOWER_PARTICLES = Set.of(
            "de", "da", "di", "del", "des", "do", "dos", "du", "el", "es", "al", "la", "le", "van", "der", "den", "von",
            "upon", "sur", "bin", "binti", "of", "on", "am", "an", "and");

    @Override
    public StageName name() {
        return StageName.DATELINE;
    }

    @Override
    public void apply(Story story, ItemContext context) throws RejectedException {
        Instant reference = story.versionCreated() != null ? story.versionCreated() : context.receivedAt();
        List<Element> paragraphs = leadParagraphs(story.body());
        Element lead = paragraphs.isEmpty() ? null : paragraphs.get(0);
        String printedField =
                story.datelineText() == null ? null : story.datelineText().strip();

        DatelineGrammar.Reading reading = null;
        String leadRest = null;
        if (printedField != null
                && !printedField.isEmpty()
                && TIMESTAMP_FIELD.matcher(printedField).matches()) {
            // Some feeds put a timestamp, not a dateline, in the dateline field: a dateline the lead prints wins.
            if (lead == null || DatelineGrammar.read(plain(lead)).isEmpty()) {
                story.dateline(timestampField(printedField));
                return;
            }
        }
        String field =
                printedField != null && TIMESTAMP_FIELD.matcher(printedField).matches() ? null : printedField;
        if (field != null && !field.isEmpty()) {
            Optional<DatelineGrammar.Reading> fromField =
                    DatelineGrammar.read(field).or(() -> DatelineGrammar.read(field + " -"));
            Optional<DatelineGrammar.Reading> inLead =
                    lead == null ? Optional.empty() : DatelineGrammar.read(plain(lead));
            if (inLead.isPresent()
                    && (fromField.isEmpty() && sameHead(inLead.get(), field)
                            || fromField.isPresent() && sameHead(inLead.get(), fromField.get()))) {
                // The lead prints the same dateline in full: it is what the story shows, the field adds the date.
                reading = inLead.get();
                if (reading.date() == null
                        && fromField.isPresent()
                        && fromField.get().date() != null) {
                    reading = reading.withDateOf(fromField.get());
                }
                leadRest = strip(lead, reading.end());
            } else if (fromField.isPresent()) {
                reading = fromField
                        .get()
                        .with(field, fromField.get().end(), fromField.get().agencyPrinted());
            } else {
                story.dateline(fieldOnly(field));
                return;
            }
        } else if (lead != null) {
            String text = plain(lead);
            reading = DatelineGrammar.read(text).orElse(null);
            if (reading == null) {
                if (DATELINE_LIKE.matcher(text).lookingAt()) {
                    int cut = Math.min(text.length(), 60);
                    story.warn("dateline not understood: \""
                            + text.substring(0, cut).strip() + "\"");
                } else {
                    story.warn("no dateline in the lead");
                }
                return;
            }
            leadRest = strip(lead, reading.end());
        } else {
            return;
        }
        if (reading.byline() != null
                && (story.byline() == null || story.byline().isBlank())) {
            story.byline("By " + reading.byline().strip());
        }
        story.dateline(dateline(reading, reference, leadRest, paragraphs));
    }

    private Dateline dateline(DatelineGrammar.Reading r, Instant reference, String leadRest, List<Element> paragraphs) {
        List<String> places = new ArrayList<>();
        String code = null;
        boolean sameCountry = true;
        for (String p : r.places()) {
            Optional<Gazetteer.City> city = GAZETTEER.city(p);
            // The gazetteer gives the usual casing of the name as printed, never another name (Saigon stays Saigon).
            places.add(city.filter(c -> Gazetteer.key(c.name()).equals(Gazetteer.key(p)))
                    .map(Gazetteer.City::name)
                    .orElseGet(() -> titleCase(p)));
            String c = city.map(Gazetteer.City::countryCode).orElse(null);
            if (code == null && places.size() == 1) {
                code = c;
            } else if (c == null || !c.equals(code)) {
                sameCountry = false;
            }
        }
        if (!sameCountry) {
            code = null;
        }
        String country = null;
        String outlet = r.prefixOutlet() == null ? null : outletName(r.prefixOutlet());
        for (String region : r.regions()) {
            Optional<String> regionCode = GAZETTEER.countryCode(region);
            if (regionCode.isPresent()) {
                country = titleCase(region);
                code = regionCode.get();
            } else if (country == null && GAZETTEER.regionCountryCode(region).isPresent()) {
                // a state or province ("EL PASO, Texas"): the country is known, but not printed
                code = GAZETTEER.regionCountryCode(region).get();
            } else if (DOMAIN_LIKE.matcher(region).matches()
                    || AGENCIES.is(region, AgencyDirectory.Kind.OUTLET, AgencyDirectory.Kind.AGENCY)) {
                outlet = outletName(region);
            }
        }
        if (country == null && code != null) {
            country = GAZETTEER.countryName(code).orElse(null);
        }
        String agency = r.agencyPrinted() == null ? null : canonicalAgency(r.agencyPrinted());
        if (agency == null && outlet != null) {
            agency = outlet;
        }

        String dateText = r.dateText();
        LocalDate date = null;
        boolean inferred = false;
        java.time.OffsetDateTime dateTime = null;
        if (r.date() != null) {
            Optional<DateResolution.Resolved> resolved = DateResolution.resolve(r.date(), reference);
            if (resolved.isPresent()) {
                date = resolved.get().date();
                inferred = resolved.get().inferred();
                dateTime = resolved.get().dateTime();
            }
        } else if (leadRest != null) {
            Optional<InTextDates.Found> inText = InTextDates.first(leadRest);
            if (inText.isPresent()) {
                Optional<DateResolution.Resolved> resolved =
                        DateResolution.resolve(inText.get().parts(), reference);
                if (resolved.isPresent()) {
                    dateText = inText.get().parts().text();
                    date = resolved.get().date();
                    inferred = true;
                    dateTime = resolved.get().dateTime();
                }
            } else {
                Optional<InTextDates.Found> bare = InTextDates.bareWeekday(leadRest);
                Optional<LocalDate> anchor = bare.isPresent() ? anchor(paragraphs, reference) : Optional.empty();
                if (bare.isPresent() && anchor.isPresent()) {
                    LocalDate d = anchor.get();
                    for (int i = 0;
                            i < 7 && d.getDayOfWeek() != bare.get().parts().weekday();
                            i++) {
                        d = d.plusDays(1);
                    }
                    dateText = bare.get().parts().text();
                    date = d;
                    inferred = true;
                }
            }
        }
        return new Dateline(
                r.text(),
                places.isEmpty() ? null : String.join("/", places),
                country,
                code,
                agency,
                dateText,
                date,
                inferred,
                outlet,
                dateTime);
    }

    private static Dateline timestampField(String field) {
        Matcher m = TIMESTAMP_FIELD.matcher(field);
        LocalDate date = null;
        OffsetDateTime dateTime = null;
        if (m.matches()) {
            try {
                date = LocalDate.of(
                        Integer.parseInt(m.group("y")),
                        Integer.parseInt(m.group("mo")),
                        Integer.parseInt(m.group("d")));
                if (m.group("h") != null && m.group("off") != null) {
                    LocalTime time = LocalTime.of(
                            Integer.parseInt(m.group("h")),
                            Integer.parseInt(m.group("mi")),
                            m.group("s") == null ? 0 : Integer.parseInt(m.group("s")));
                    String off = m.group("off").replace(":", "");
                    ZoneOffset offset = off.equalsIgnoreCase("Z")
                            ? ZoneOffset.UTC
                            : ZoneOffset.of(off.substring(0, 3) + ":" + off.substring(3));
                    dateTime = OffsetDateTime.of(date, time, offset);
                }
            } catch (DateTimeException e) {
                date = null;
                dateTime = null;
            }
        }
        return new Dateline(field, null, null, null, null, field, date, false, null, dateTime);
    }

    /** The first anchored in-text date of the first paragraphs, resolved: it places a bare weekday of the lead. */
    private static Optional<LocalDate> anchor(List<Element> paragraphs, Instant reference) {
        for (int i = 0; i < paragraphs.size() && i < 3; i++) {
            Optional<InTextDates.Found> found = InTextDates.first(TextBlocks.text(paragraphs.get(i)));
            if (found.isPresent() && found.get().parts().weekday() != null) {
                return DateResolution.resolve(found.get().parts(), reference).map(DateResolution.Resolved::date);
            }
        }
        return Optional.empty();
    }

    private static boolean sameHead(DatelineGrammar.Reading lead, String field) {
        String head = field.split("[,(/]")[0];
        return !lead.places().isEmpty() && Gazetteer.key(lead.places().get(0)).equals(Gazetteer.key(head));
    }

    /**
     * A structured dateline field the grammar cannot vouch for ({@code Newport News, VA}): the format says it is a
     * dateline, so its first part is taken as the place, as printed.
     */
    private static Dateline fieldOnly(String field) {
        String[] parts = field.split("\\s*,\\s*");
        String place = parts[0].replaceAll("\\s*\\(.*$", "").strip();
        if (place.isEmpty() || place.length() > 60) {
            return new Dateline(field, null, null, null, null, null, null, false);
        }
        String country = null;
        String code = GAZETTEER.city(place).map(Gazetteer.City::countryCode).orElse(null);
        for (int i = 1; i < parts.length; i++) {
            Optional<String> c = GAZETTEER.countryCode(parts[i]);
            if (c.isPresent()) {
                country = titleCase(parts[i]);
                code = c.get();
            }
        }
        if (country == null && code != null) {
            country = GAZETTEER.countryName(code).orElse(null);
        }
        return new Dateline(field, titleCase(place), country, code, null, null, null, false);
    }

    private static boolean sameHead(DatelineGrammar.Reading a, DatelineGrammar.Reading b) {
        return !a.places().isEmpty()
                && a.places().size() == b.places().size()
                && Gazetteer.key(a.places().get(0))
                        .equals(Gazetteer.key(b.places().get(0)));
    }

    /** The canonical agency: the whole name from the directory, else each part of a relay ({@code Ant/Xinhua}). */
    static String canonicalAgency(String printed) {
        Optional<String> whole = AGENCIES.findPrefix(printed).map(AgencyDirectory.Entry::name);
        if (whole.isPresent()) {
            return whole.get();
        }
        // Parts the directory knows keep their order and separators; desk codes beside them ("dpa/lno") drop out.
        List<String> parts = new ArrayList<>();
        List<String> separators = new ArrayList<>();
        String pendingSeparator = null;
        boolean anyKnown = false;
        for (String part : AGENCY_PARTS.split(printed.replaceAll("\\s*([-/])\\s*", "$1"))) {
            if (part.equals("-") || part.equals("/")) {
                pendingSeparator = part;
                continue;
            }
            Optional<String> known = AGENCIES.canonical(part);
            anyKnown |= known.isPresent();
            parts.add(known.orElse("\u0000" + part.strip()));
            separators.add(pendingSeparator);
            pendingSeparator = null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            boolean unknown = part.startsWith("\u0000");
            if (unknown && anyKnown) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(separators.get(i) == null ? "-" : separators.get(i));
            }
            sb.append(unknown ? part.substring(1) : part);
        }
        return sb.toString();
    }

    private static String outletName(String printed) {
        return AGENCIES.canonical(printed).orElse(printed.strip());
    }

    /** The paragraph's text with no-break spaces as spaces (same length, so offsets still fit the paragraph). */
    private static String plain(Element paragraph) {
        return TextBlocks.text(paragraph).replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    /** The paragraphs a dateline may lead: the first text blocks, past a byline standing on its own. */
    private static List<Element> leadParagraphs(Element body) {
        List<Element> out = new ArrayList<>(3);
        int seen = 0;
        for (Element block : body.children()) {
            if (++seen > 8 || out.size() == 3) {
                break;
            }
            String tag = block.normalName();
            if (!tag.equals("p") && !tag.equals("div")) {
                if (out.isEmpty()) {
                    continue;
                }
                break;
            }
            String text = TextBlocks.text(block).strip();
            if (text.isEmpty()
                    || (out.isEmpty()
                            && (BYLINE_ONLY.matcher(text).matches()
                                    || ADVISORY.matcher(text).matches()
                                    || SUMMARY_BULLET.matcher(text).lookingAt()))) {
                continue;
            }
            out.add(block);
        }
        return out;
    }

    /**
     * Removes the first {@code end} characters of the paragraph's text (as {@link Element#text()} renders it) and the
     * white space after them, keeping inline markup around the rest; returns the text that is left.
     */
    static String strip(Element paragraph, int end) {
        String text = TextBlocks.text(paragraph);
        int keep = 0;
        for (int i = 0; i < Math.min(end, text.length()); i++) {
            if (!Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\u00A0') {
                keep++;
            }
        }
        int remaining = keep;
        boolean trimming = true;
        List<TextNode> nodes = new ArrayList<>();
        collect(paragraph, nodes);
        for (TextNode node : nodes) {
            if (!trimming) {
                break;
            }
            String s = node.getWholeText();
            int i = 0;
            while (i < s.length() && remaining > 0) {
                char c = s.charAt(i);
                if (!Character.isWhitespace(c) && c != '\u00A0') {
                    remaining--;
                }
                i++;
            }
            if (remaining == 0) {
                while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '\u00A0')) {
                    i++;
                }
                if (i < s.length()) {
                    trimming = false;
                }
            }
            node.text(s.substring(i));
        }
        for (Element child : new ArrayList<>(paragraph.children())) {
            if (child.text().isBlank() && child.select("img").isEmpty()) {
                child.remove();
            }
        }
        String rest = TextBlocks.text(paragraph).strip();
        if (rest.isEmpty()) {
            paragraph.remove();
        }
        return rest;
    }

    private static void collect(Node node, List<TextNode> out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode t) {
                out.add(t);
            } else {
                collect(child, out);
            }
        }
    }

    /** {@code DAR ES SALAAM} → {@code Dar es Salaam}; mixed-case names stay as printed. */
    static String titleCase(String printed) {
        String p = printed.strip();
        boolean hasLower = false;
        for (int i = 0; i < p.length(); i++) {
            if (Character.isLowerCase(p.charAt(i))) {
                hasLower = true;
                break;
            }
        }
        if (hasLower) {
            return p;
        }
        StringBuilder sb = new StringBuilder(p.length());
        String[] words = p.toLowerCase(Locale.ROOT).split(" ");
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            if (w > 0) {
                sb.append(' ');
            }
            if (w > 0 && LOWER_PARTICLES.contains(word)) {
                sb.append(word);
                continue;
            }
            boolean upperNext = true;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                sb.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = c == '-' || c == '.' || c == '/' || c == '\'' && i == 1;
            }
        }
        return sb.toString();
    }
}
