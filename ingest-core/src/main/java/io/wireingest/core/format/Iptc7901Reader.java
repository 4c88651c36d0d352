package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTC 7901 teletype copy (dpa and other European agencies): {@code SOH} and a header line of selector and message
 * number, priority digit, category, word count, optional information and source; keyword lines ending in {@code /};
 * after {@code STX} the headline lines up to the one ending in {@code =} (an urgency word such as {@code EXTRA} and a
 * {@code By} line among them), then hard-wrapped paragraphs separated by blank lines; a {@code #} notebook section
 * and the not-for-publication block go to the editor's note; after {@code ETX} the trailer gives day and time.
 *
 * <p>The id is built from the source, the keyword, the day and the headline, never at random: a resend gives the
 * same id.
 */
public final class Iptc7901Reader implements WireFormatReader {
    private static final Pattern HEADER =
            Pattern.compile("^\\s*([A-Za-z]{1,6})(\\d{1,5})\\s+(\\d)\\s+([A-Za-z]{1,3})\\s+(\\d{1,5})\\b\\s*(.*)$");
    private static final Pattern TRAILER =
            Pattern.compile("(\\d\\d)(\\d\\d)(\\d\\d)\\s*(?:GMT|UTC|UT)?\\s+([A-Za-z]{3})\\s+(\\d\\d)\\b");
    private static final Pattern DESK_LINE = Pattern.compile("^[a-z]{2,8}(?:-[a-z]+)?(?:\\s+[a-z]{2,4}){1,6}$");
    private static final Pattern NOT_FOR_PUBLICATION = Pattern.compile(
            "^The following information is not (?:intended )?for publication.*", Pattern.CASE_INSENSITIVE);

    @Override
    public WireFormat format() {
        return WireFormat.IPTC_7901;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        String head = Teletype.head(item.text());
        int soh = Teletype.openingSoh(head);
        if (soh < 0) {
            return false;
        }
        String first = Teletype.withoutControls(Teletype.lineFrom(head, soh + 1));
        return HEADER.matcher(first).matches();
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        String t = item.text();
        int soh = t.indexOf(Teletype.SOH);
        int stx = t.indexOf(Teletype.STX, soh + 1);
        if (soh < 0) {
            throw new RejectedException(StageName.PARSE, "malformed-iptc7901", "no SOH header");
        }
        int etx = stx < 0 ? -1 : t.indexOf(Teletype.ETX, stx + 1);
        String header = t.substring(soh + 1, stx < 0 ? t.length() : stx);
        String text = stx < 0 ? "" : t.substring(stx + 1, etx < 0 ? t.length() : etx);
        String trailer = etx < 0 ? "" : Teletype.withoutControls(t.substring(etx + 1));

        Story story = new Story(WireFormat.IPTC_7901);
        List<String> headerLines = Teletype.lines(Teletype.withoutControls(header));
        String source = null;
        Matcher h = HEADER.matcher(headerLines.get(0));
        if (h.matches()) {
            story.altIds().put("sequence", h.group(1) + h.group(2));
            story.urgency(XmlText.urgency(h.group(3)));
            String[] rest = h.group(6).strip().split("\\s+");
            for (String token : rest) {
                if (token.matches("[A-Za-z][A-Za-z-]*") && !token.matches("[cb]{5}")) {
                    source = token;
                }
            }
        }
        List<String> keywords = new ArrayList<>();
        for (String line : headerLines.subList(1, headerLines.size())) {
            String k = TextBlocks.squash(line).replaceAll("/+$", "");
            if (!k.isEmpty()) {
                keywords.add(k);
            }
        }
        if (!keywords.isEmpty()) {
            story.slugline(String.join(" ", keywords));
        }
        if (source != null) {
            story.creditLines().add(source);
        }
        readText(text, story, context);

        Matcher tr = TRAILER.matcher(trailer);
        String day = null;
        if (tr.find()) {
            int month = Teletype.month(tr.group(4));
            int dd = Integer.parseInt(tr.group(1));
            int yy = Integer.parseInt(tr.group(5));
            if (month > 0) {
                // "Nov 13" is month and two-digit year; fall back to the year nearest reception when it cannot be.
                int year = 2000 + yy;
                LocalDate received = context.receivedAt().atZone(ZoneOffset.UTC).toLocalDate();
                if (Math.abs(year - received.getYear()) > 30) {
                    year = Teletype.yearNear(received, month, dd);
                }
                story.versionCreated(
                        Teletype.utc(year, month, dd, Integer.parseInt(tr.group(2)), Integer.parseInt(tr.group(3))));
                day = String.format("%04d-%02d-%02d", year, month, dd);
            }
        }
        if (!story.signals().contains("update") && !story.signals().contains("correction")) {
            story.firstCreated(story.versionCreated());
        }
        StringBuilder id = new StringBuilder();
        id.append(source == null ? "iptc7901" : source);
        if (story.slugline() != null) {
            id.append(':').append(story.slugline());
        }
        if (day != null) {
            id.append(':').append(day);
        }
        id.append(':').append(Teletype.shortHash(story.headline() == null ? text.strip() : story.headline()));
        story.sourceId(id.toString());
        if (story.body().children().isEmpty() && story.headline() == null) {
            throw new RejectedException(StageName.PARSE, "empty", "the IPTC 7901 item has no text");
        }
        return List.of(story);
    }

    private static void readText(String text, Story story, ItemContext context) throws RejectedException {
        List<String> lines = Teletype.lines(Teletype.withoutControls(text));
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        // Headline block: up to the line ending in "=" or the first blank line.
        List<String> headline = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).isBlank()) {
            String line = TextBlocks.squash(lines.get(i));
            boolean last = line.endsWith("=");
            line = line.replaceAll("\\s*=$", "");
            if (headline.isEmpty()
                    && story.takeKey() == null
                    && line.matches("[A-ZÄÖÜ]{3,12}")
                    && TakeKeys.isTakeKey(line)) {
                story.takeKey(line);
                TakeKeys.addSignals(line, story.signals());
            } else if (isByline(line)) {
                story.byline(line);
            } else if (!line.isEmpty()) {
                headline.add(line);
            }
            i++;
            if (last && !(i < lines.size() && isByline(TextBlocks.squash(lines.get(i))))) {
                break;
            }
        }
        if (!headline.isEmpty()) {
            story.headline(String.join(" ", headline));
        }
        StringBuilder paragraph = new StringBuilder();
        List<String> notes = new ArrayList<>();
        boolean inNotes = false;
        for (; i < lines.size(); i++) {
            if (i % 512 == 0) {
                context.checkTime();
            }
            String raw = lines.get(i);
            String line = TextBlocks.squash(raw);
            if (!inNotes
                    && (line.startsWith("# ")
                            || NOT_FOR_PUBLICATION.matcher(line).matches())) {
                flush(paragraph, story);
                inNotes = true;
            }
            if (inNotes) {
                if (!raw.isBlank() && !DESK_LINE.matcher(line).matches()) {
                    notes.add(raw.strip());
                }
                continue;
            }
            if (line.isEmpty()) {
                flush(paragraph, story);
            } else if (DESK_LINE.matcher(line).matches() && i >= lines.size() - 4) {
                // desk initials at the foot, e.g. "dpa wsz jln"
                flush(paragraph, story);
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(line);
            }
        }
        flush(paragraph, story);
        if (!notes.isEmpty()) {
            story.edNote(String.join("\n", notes));
        }
    }

    private static boolean isByline(String line) {
        return line.regionMatches(true, 0, "By ", 0, 3) || line.regionMatches(true, 0, "Von ", 0, 4);
    }

    private static void flush(StringBuilder paragraph, Story story) {
        if (paragraph.length() > 0) {
            story.addParagraph(paragraph.toString());
            paragraph.setLength(0);
        }
    }
}
