package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.PubStatus;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.Subject;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.xml.SafeXml;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * NITF 3.x documents, with or without the IPTC namespace: {@code docdata} gives the id, status, urgency, dates,
 * copyright and editor's note; {@code body.head} the headline, byline and dateline; {@code body.content} the blocks.
 * {@link #fill} also serves the NewsML readers for NITF bodies inlined in a news item.
 */
public final class NitfReader implements WireFormatReader {
    private static final String SUBJECT_CODE_URI = "http://cv.iptc.org/newscodes/subjectcode/";

    @Override
    public WireFormat format() {
        return WireFormat.NITF;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        return "nitf".equals(SafeXml.rootName(item.text()));
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        Element nitf = SafeXml.root(SafeXml.parse(item.text(), context));
        Story story = new Story(WireFormat.NITF);
        readHead(nitf, story);
        fill(nitf, story, context);
        if (story.body().children().isEmpty() && story.headline() == null && story.pubStatus() != PubStatus.CANCELED) {
            throw new RejectedException(StageName.PARSE, "empty", "the NITF document has neither headline nor body");
        }
        return List.of(story);
    }

    /** Reads {@code head}: docdata, subjects, meta. */
    static void readHead(Element nitf, Story story) {
        Element docdata = nitf.selectFirst("head > docdata");
        String id = XmlText.attr(docdata, "doc-id", "id-string");
        if (id != null) {
            story.altIds().put("guid", id);
            story.sourceId(id);
        }
        if (docdata != null) {
            PubStatus status = XmlText.pubStatus(docdata.attr("management-status"));
            if (status != null) {
                story.pubStatus(status);
            }
            String managed = XmlText.blankToNull(docdata.attr("management-doc-idref"));
            if (status == PubStatus.CANCELED && managed != null) {
                // The kill withdraws the document it refers to: give it that story's identity.
                story.sourceId(managed);
                story.altIds().put("cancels", managed);
            }
            if (status == PubStatus.CANCELED && !story.signals().contains("kill")) {
                story.signals().add("kill");
            }
            story.urgency(XmlText.urgency(XmlText.attr(docdata, "urgency", "ed-urg")));
            Instant issued = WireDates.parse(XmlText.attr(docdata, "date\\.issue", "norm"));
            story.versionCreated(issued);
            Instant first = null;
            for (Element rev : nitf.select("head > revision-history[norm]")) {
                Instant t = WireDates.parse(rev.attr("norm"));
                if (t != null && (first == null || t.isBefore(first))) {
                    first = t;
                }
            }
            if (status != PubStatus.CANCELED) {
                story.firstCreated(first != null ? first : issued);
            }
            Instant release = WireDates.parse(XmlText.attr(docdata, "date\\.release", "norm"));
            if (release != null && issued != null && release.isAfter(issued)) {
                story.embargoed(release);
            }
            story.copyrightHolder(XmlText.attr(docdata, "doc\\.copyright", "holder"));
            story.edNote(XmlText.attr(docdata, "ed-msg", "info"));
            String version = XmlText.attr(docdata, "du-key", "version");
            if (version != null) {
                story.version(version);
            }
            Element correction = docdata.selectFirst("correction");
            if (correction != null) {
                story.signals().add("correction");
                if (story.edNote() == null) {
                    story.edNote(XmlText.blankToNull(correction.attr("info")));
                }
            }
        }
        for (Element s : nitf.select("head > tobject > tobject\\.subject")) {
            String code = XmlText.blankToNull(s.attr("tobject.subject.refnum"));
            String name = XmlText.blankToNull(s.attr("tobject.subject.detail"));
            name = name != null ? name : XmlText.blankToNull(s.attr("tobject.subject.matter"));
            name = name != null ? name : XmlText.blankToNull(s.attr("tobject.subject.type"));
            String uri = code != null && code.matches("\\d{8}") ? SUBJECT_CODE_URI + code : null;
            if (code != null || name != null) {
                story.subjects().add(new Subject(uri, name, code));
            }
        }
        for (Element meta : nitf.select("head > meta[name]")) {
            String name = meta.attr("name");
            String content = XmlText.blankToNull(meta.attr("content"));
            if (content == null) {
                continue;
            }
            switch (name) {
                case "anpa-keyword", "slugline", "keyword" -> {
                    if (story.slugline() == null) {
                        story.slugline(content);
                    }
                }
                case "anpa-takekey", "takekey" -> story.takeKey(content);
                default -> {
                    // other meta is provider routing, not story data
                }
            }
        }
        String exRef = XmlText.attr(nitf, "head > pubdata", "ex-ref");
        if (exRef != null && exRef.matches("https?://\\S+")) {
            story.url(exRef);
        }
        String lang = XmlText.lang(nitf);
        if (lang == null) {
            lang = XmlText.blankToNull(nitf.select("body").attr("xml:lang"));
        }
        if (lang != null && story.language() == null) {
            story.language(lang);
        }
        if (story.takeKey() != null) {
            TakeKeys.addSignals(story.takeKey(), story.signals());
        }
    }

    /**
     * Reads an NITF {@code body} into the story: headline, subheadline, byline, dateline and distributor where the
     * story has none yet, then the blocks of {@code body.content} and {@code body.end}.
     */
    static void fill(Element nitf, Story story, ItemContext context) {
        Element body = nitf.normalName().equals("body") ? nitf : nitf.selectFirst("body");
        if (body == null) {
            return;
        }
        Element head = body.selectFirst("> body\\.head");
        if (head != null) {
            String hl1 = XmlText.first(head, "hedline > hl1");
            if (hl1 == null) {
                hl1 = XmlText.first(head, "headline > hl1, headline");
            }
            if (story.headline() == null) {
                story.headline(hl1);
            }
            String hl2 = XmlText.first(head, "hedline > hl2");
            if (story.subheadline() == null && hl2 != null && !hl2.equalsIgnoreCase(story.headline())) {
                story.subheadline(hl2);
            }
            if (story.byline() == null) {
                for (Element byline : head.select("byline")) {
                    String by = bylineText(byline);
                    if (by != null && !isDeskInitials(by)) {
                        story.byline(by);
                        break;
                    }
                }
            }
            Element dateline = head.selectFirst("dateline");
            if (dateline != null && story.datelineText() == null) {
                Element d = dateline.clone();
                d.select("story\\.date").remove();
                String text = TextBlocks.squash(d.text());
                if (text.chars().anyMatch(Character::isLetter)) {
                    story.datelineText(text);
                }
            }
            String distributor = XmlText.first(head, "distributor");
            if (distributor != null && !story.creditLines().contains(distributor)) {
                story.creditLines().add(distributor);
            }
            if (story.headline() == null) {
                story.headline(XmlText.first(nitf, "head > title"));
            }
        } else if (story.headline() == null) {
            story.headline(XmlText.first(nitf, "head > title"));
        }
        if (story.copyrightHolder() == null) {
            story.copyrightHolder(XmlText.first(body, "rights\\.owner"));
        }
        Element content = body.selectFirst("> body\\.content");
        if (content != null) {
            XmlBlocks.copy(content, story, context);
        }
        for (Element tagline : body.select("> body\\.end > tagline")) {
            String t = TextBlocks.squash(tagline.text());
            if (!t.isEmpty()) {
                story.addParagraph(t);
            }
        }
    }

    /** The byline's own text and persons, without the title ({@code byttl}) or other children. */
    private static String bylineText(Element byline) {
        StringBuilder sb = new StringBuilder();
        for (Node n : byline.childNodes()) {
            if (n instanceof TextNode t) {
                sb.append(t.text());
            } else if (n instanceof Element e && e.normalName().equals("person")) {
                sb.append(' ').append(e.text()).append(' ');
            }
        }
        String s = TextBlocks.squash(sb.toString());
        return s.isEmpty() ? null : s;
    }

    /** Desk initials such as {@code gr/bp} name editors, not authors. */
    private static boolean isDeskInitials(String s) {
        return s.matches("[a-z]{1,4}(?:/[a-z]{1,4})+");
    }
}
