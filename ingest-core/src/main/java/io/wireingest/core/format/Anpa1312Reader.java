package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ANPA-1312 teletype copy (the AP's 7-bit wire format): {@code SYN SYN SOH}, a header of service/sequence and
 * selector, a line of priority, category, keyword, take key, date and word count; then after {@code STX} the text:
 * lines starting with {@code ^} are header lines (slug line, headline, {@code Eds:} notes, byline), tab-indented
 * lines are body paragraphs, lines starting with {@code BS} are table rows (kept as {@code pre}); after {@code ETX}
 * the trailer gives the transmission time. Decoded as windows-1252 when undeclared (see DecodeBytes).
 *
 * <p>ANPA has no story id: the id is built from the slug (without take key) and the story date, so every take and
 * write-through of one story shares it, and a resend gives the same id.
 */
public final class Anpa1312Reader implements WireFormatReader {
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*([a-z])\\s+([a-z])\\s+(\\S+)(?:\\s+(.*?))?\\s+(\\d\\d)-(\\d\\d)\\s+(\\d{1,5})\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILER =
            Pattern.compile("\\b[A-Z]{2}-[A-Z]{2}-(\\d\\d)-(\\d\\d)-(\\d\\d)\\s+(\\d\\d)(\\d\\d)\\s*GMT");
    private static final Pattern WORD_COUNT = Pattern.compile(",\\s*\\d{2,5}$");
    private static final Pattern PHOTO_NOTE = Pattern.compile(
            "^(?:AP|Reuters|AFP)\\s+(?:Photos?|Video|Graphics?|Audio|Interactive)\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EDITORS_NOTE = Pattern.compile("^EDITOR'?S NOTE\\s*[_—–-]+\\s*(.*)$");
    private static final Pattern AFFILIATION = Pattern.compile(
            ".{0,40}\\b(?:Press|Writer|Correspondent|Editor|Reporter|Staff|Service|Agency|News|Reuters)\\b.{0,20}");
    private static final Pattern EDS = Pattern.compile("^Eds?:\\s*.*", Pattern.CASE_INSENSITIVE);

    @Override
    public WireFormat format() {
        return WireFormat.ANPA_1312;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        String t = item.text();
        String head = Teletype.head(t);
        int soh = Teletype.openingSoh(head);
        if (soh < 0) {
            return false;
        }
        String first = Teletype.lineFrom(head, soh);
        // ANPA: SOH, service and sequence, US, selector; then a line carrying DC1..DC4 format codes.
        boolean unitSeparator = first.indexOf(Teletype.US) > 0;
        boolean formatCodes = head.chars().anyMatch(c -> c >= 0x11 && c <= 0x14);
        return (unitSeparator || formatCodes) && t.indexOf(Teletype.STX) > soh;
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        String t = item.text();
        int soh = t.indexOf(Teletype.SOH);
        int stx = t.indexOf(Teletype.STX, soh + 1);
        if (soh < 0 || stx < 0) {
            throw new RejectedException(StageName.PARSE, "malformed-anpa", "no SOH ... STX header framing");
        }
        int etx = t.indexOf(Teletype.ETX, stx + 1);
        String header = t.substring(soh + 1, stx);
        String text = t.substring(stx + 1, etx < 0 ? t.length() : etx);
        String trailer = etx < 0 ? "" : Teletype.withoutControls(t.substring(etx + 1));

        Story story = new Story(WireFormat.ANPA_1312);
        List<String> headerLines = Teletype.lines(header);
        String first = headerLines.isEmpty() ? "" : headerLines.get(0);
        int us = first.indexOf(Teletype.US);
        String sequence = Teletype.withoutControls(us < 0 ? first : first.substring(0, us))
                .strip();
        if (!sequence.isEmpty()) {
            story.altIds().put("sequence", sequence);
        }
        String keyword = null;
        String month = null;
        String day = null;
        for (String line : headerLines.subList(Math.min(1, headerLines.size()), headerLines.size())) {
            if (line.length() > 200) {
                continue;
            }
            Matcher m = HEADER.matcher(line.replaceAll("[\\x00-\\x1F]", " "));
            if (m.matches()) {
                story.urgency(urgency(m.group(1)));
                keyword = m.group(3);
                String key = XmlText.blankToNull(m.group(4));
                if (key != null) {
                    story.takeKey(key);
                }
                month = m.group(5);
                day = m.group(6);
                break;
            }
        }

        Matcher trailerTime = TRAILER.matcher(trailer);
        Instant sent = null;
        String year = null;
        if (trailerTime.find()) {
            int yy = Integer.parseInt(trailerTime.group(3));
            int y = 2000 + yy;
            year = Integer.toString(y);
            sent = Teletype.utc(
                    y,
                    Integer.parseInt(trailerTime.group(1)),
                    Integer.parseInt(trailerTime.group(2)),
                    Integer.parseInt(trailerTime.group(4)),
                    Integer.parseInt(trailerTime.group(5)));
            if (month != null && month.equals("12") && trailerTime.group(1).equals("01")) {
                year = Integer.toString(y - 1);
            }
        }

        String slugLine = readText(text, keyword, story, context);
        String base = keyword;
        if (slugLine != null) {
            String[] split = TakeKeys.splitSlugline(WORD_COUNT.matcher(slugLine).replaceFirst(""));
            base = split[0];
            if (story.takeKey() == null && split[1] != null) {
                story.takeKey(split[1]);
            }
        }
        story.slugline(base);
        if (story.takeKey() != null) {
            TakeKeys.addSignals(story.takeKey(), story.signals());
            story.version(TakeKeys.versionOf(story.takeKey()));
        }
        story.versionCreated(sent);
        if (!story.signals().contains("update") && !story.signals().contains("correction")) {
            story.firstCreated(sent);
        }
        String datePart = month == null ? null : (year == null ? "" : year + "-") + month + "-" + day;
        if (base != null) {
            story.sourceId(base + (datePart == null ? "" : "/" + datePart));
        } else if (story.headline() != null) {
            story.sourceId("anpa-" + Teletype.shortHash(story.headline()));
        }
        if (story.body().children().isEmpty() && story.headline() == null) {
            throw new RejectedException(StageName.PARSE, "empty", "the ANPA item has no text");
        }
        return List.of(story);
    }

    /** Reads the text between STX and ETX into the story; returns the slug line, if any. */
    private static String readText(String text, String keyword, Story story, ItemContext context)
            throws RejectedException {
        String slugLine = null;
        boolean afterByline = false;
        StringBuilder paragraph = new StringBuilder();
        List<List<String>> table = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String editorsNote = null;
        String keyPrefix = keyword == null ? null : keyword.substring(0, Math.min(8, keyword.length()));
        int n = 0;
        for (String raw : Teletype.lines(text)) {
            if (++n % 512 == 0) {
                context.checkTime();
            }
            String line = raw.replace("\r", "");
            String lead = line.stripLeading();
            if (line.indexOf(Teletype.BS) >= 0 && lead.startsWith(String.valueOf(Teletype.BS))) {
                flush(paragraph, story);
                table.add(cells(line));
                continue;
            }
            if (!table.isEmpty()) {
                story.body().appendElement("pre").text(Teletype.table(table));
                table.clear();
            }
            if (lead.startsWith("^")) {
                flush(paragraph, story);
                for (String segment : lead.split("\\^")) {
                    String s = Teletype.withoutTerminators(TextBlocks.squash(Teletype.withoutControls(segment)));
                    if (s.isEmpty() || s.matches("\\*?\\d+")) {
                        continue;
                    }
                    if (slugLine == null
                            && story.headline() == null
                            && ((keyPrefix != null && s.startsWith(keyPrefix))
                                    || s.matches("[A-Z]{2}-[\\w-].*,\\s*\\d{2,5}"))) {
                        slugLine = s;
                        continue;
                    }
                    Matcher en = EDITORS_NOTE.matcher(s);
                    if (en.matches()) {
                        editorsNote = en.group(1);
                        afterByline = false;
                    } else if (EDS.matcher(s).matches()) {
                        notes.add(s);
                        afterByline = false;
                    } else if (PHOTO_NOTE.matcher(s).matches()) {
                        afterByline = false;
                    } else if (s.regionMatches(true, 0, "By ", 0, 3) && story.byline() == null) {
                        story.byline(s);
                        afterByline = true;
                    } else if (afterByline && AFFILIATION.matcher(s).matches()) {
                        // the byline's affiliation: "Associated Press", "AP Business Writer"
                        story.creditLines().add(s);
                        afterByline = false;
                    } else if (story.headline() == null) {
                        story.headline(s);
                        afterByline = false;
                    } else {
                        story.addParagraph(s);
                        afterByline = false;
                    }
                }
                continue;
            }
            if (line.startsWith("\t")) {
                flush(paragraph, story);
                String s = withoutQuadLeft(TextBlocks.squash(Teletype.withoutControls(line)));
                if (!s.isEmpty() && !s.matches("_+=?")) {
                    paragraph.append(s);
                }
                continue;
            }
            String s = withoutQuadLeft(TextBlocks.squash(Teletype.withoutControls(line)));
            if (s.isEmpty()) {
                flush(paragraph, story);
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(s);
            }
        }
        flush(paragraph, story);
        if (!table.isEmpty()) {
            story.body().appendElement("pre").text(Teletype.table(table));
        }
        List<String> allNotes = new ArrayList<>();
        if (editorsNote != null && !editorsNote.isBlank()) {
            allNotes.add(editorsNote);
        }
        allNotes.addAll(notes);
        if (!allNotes.isEmpty()) {
            story.edNote(String.join("\n", allNotes));
        }
        return slugLine;
    }

    /** The cells of a table row: BS starts it, {@code ;} separates cells, DLE is a fixed space, {@code {} is ½. */
    private static List<String> cells(String line) {
        String s = line.replace(String.valueOf(Teletype.DLE), "");
        s = Teletype.withoutTerminators(Teletype.withoutControls(s).strip());
        if (s.startsWith("^")) {
            s = s.substring(1);
        }
        List<String> cells = new ArrayList<>();
        for (String cell : s.split(";", -1)) {
            cells.add(TextBlocks.squash(cell.replace('{', '½')));
        }
        return cells;
    }

    /** A body line without the {@code <} (quad left) that ends a paragraph in ANPA copy. */
    private static String withoutQuadLeft(String s) {
        return s.endsWith("<") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    private static void flush(StringBuilder paragraph, Story story) {
        if (paragraph.length() > 0) {
            story.addParagraph(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    /** ANPA priority letter to ninjs urgency: flash 1, bulletin 2, urgent 3, routine 5, deferred 6, others 5. */
    private static Integer urgency(String priority) {
        return switch (priority.toLowerCase(Locale.ROOT)) {
            case "f" -> 1;
            case "b" -> 2;
            case "u" -> 3;
            case "r" -> 5;
            case "d" -> 6;
            default -> 5;
        };
    }
}
