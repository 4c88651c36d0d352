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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * IPTC NewsML-G2: a single {@code newsItem}, or a {@code newsMessage} whose {@code itemSet} holds several (one story
 * each). Only text items are read; pictures, graphics and packages in the same message are skipped. The body is the
 * first text content of {@code contentSet}: inline NITF, inline XHTML, or inline text (kept as {@code pre} when laid
 * out in columns).
 */
public final class NewsMlG2Reader implements WireFormatReader {
    /** Roots of NewsML-G2 documents; only newsItem and newsMessage can hold stories, the others are refused. */
    private static final Set<String> G2_ROOTS =
            Set.of("newsItem", "newsMessage", "packageItem", "conceptItem", "knowledgeItem", "planningItem");

    @Override
    public WireFormat format() {
        return WireFormat.NEWSML_G2;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        String root = SafeXml.rootName(item.text());
        return root != null && G2_ROOTS.contains(root);
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        Element root = SafeXml.root(SafeXml.parse(item.text(), context));
        List<Element> items = root.normalName().equals("newsitem") ? List.of(root) : root.select("itemSet > newsItem");
        String headerPriority = XmlText.first(root, "> header > priority");
        List<Story> stories = new ArrayList<>();
        int skipped = 0;
        for (Element newsItem : items) {
            context.checkTime();
            if (!isText(newsItem)) {
                skipped++;
                continue;
            }
            Story story = story(newsItem, context);
            if (story.urgency() == null) {
                // A newsMessage header priority (1 highest .. 9) stands in when the item has no urgency.
                story.urgency(XmlText.urgency(headerPriority));
            }
            stories.add(story);
        }
        if (stories.isEmpty()) {
            throw new RejectedException(
                    StageName.PARSE,
                    "no-text-item",
                    "the NewsML-G2 " + root.tagName() + " holds no text newsItem (" + skipped + " other items)");
        }
        return stories;
    }

    private static boolean isText(Element newsItem) {
        String cls = XmlText.attr(newsItem, "itemMeta > itemClass", "qcode");
        if (cls == null) {
            return true;
        }
        String c = cls.toLowerCase(Locale.ROOT);
        return c.endsWith(":text") || c.endsWith("/text");
    }

    private static Story story(Element newsItem, ItemContext context) {
        Story story = new Story(WireFormat.NEWSML_G2);
        String guid = XmlText.blankToNull(newsItem.attr("guid"));
        if (guid != null) {
            story.sourceId(guid);
            story.altIds().put("guid", guid);
        }
        story.version(XmlText.blankToNull(newsItem.attr("version")));

        Element meta = newsItem.selectFirst("itemMeta");
        if (meta != null) {
            story.versionCreated(WireDates.parse(XmlText.first(meta, "> versionCreated")));
            story.firstCreated(WireDates.parse(XmlText.first(meta, "> firstCreated")));
            story.embargoed(WireDates.parse(XmlText.first(meta, "> embargoed")));
            PubStatus status = XmlText.pubStatus(XmlText.attr(meta, "> pubStatus", "qcode"));
            if (status == null) {
                status = XmlText.pubStatus(XmlText.attr(meta, "> pubStatus", "uri"));
            }
            if (status != null) {
                story.pubStatus(status);
            }
            List<String> notes = new ArrayList<>();
            for (Element note : meta.select("> edNote")) {
                String t = TextBlocks.squash(note.text());
                if (!t.isEmpty()) {
                    notes.add(t);
                }
            }
            if (!notes.isEmpty()) {
                story.edNote(String.join("\n", notes));
            }
            for (Element signal : meta.select("> signal")) {
                String code = signal.hasAttr("qcode") ? signal.attr("qcode") : signal.attr("uri");
                String mapped = signal(code);
                if (mapped != null && !story.signals().contains(mapped)) {
                    story.signals().add(mapped);
                }
            }
        }
        if (story.pubStatus() == PubStatus.CANCELED && !story.signals().contains("kill")) {
            story.signals().add("kill");
        }

        Element content = newsItem.selectFirst("contentMeta");
        if (content != null) {
            story.urgency(XmlText.urgency(XmlText.first(content, "> urgency")));
            headlines(content, story);
            String[] slug = TakeKeys.splitSlugline(XmlText.first(content, "> slugline"));
            story.slugline(slug[0]);
            if (slug[1] != null) {
                story.takeKey(slug[1]);
                TakeKeys.addSignals(slug[1], story.signals());
            }
            story.byline(XmlText.first(content, "> by"));
            story.datelineText(XmlText.first(content, "> dateline"));
            for (Element credit : content.select("> creditline")) {
                String t = TextBlocks.squash(credit.text());
                if (!t.isEmpty()) {
                    story.creditLines().add(t);
                }
            }
            String lang = XmlText.attr(content, "> language", "tag");
            story.language(lang != null ? lang : XmlText.lang(newsItem));
            for (Element s : content.select("> subject")) {
                String code = XmlText.blankToNull(s.attr("qcode"));
                String uri = XmlText.blankToNull(s.attr("uri"));
                Element nameEl = s.selectFirst("> name");
                String name = nameEl == null ? null : XmlText.blankToNull(TextBlocks.squash(nameEl.text()));
                if (code != null || uri != null) {
                    story.subjects().add(new Subject(uri, name, code));
                }
            }
        } else {
            story.language(XmlText.lang(newsItem));
        }

        Element rights = newsItem.selectFirst("rightsInfo");
        if (rights != null) {
            Element holder = rights.selectFirst("copyrightHolder");
            if (holder != null) {
                String name = XmlText.first(holder, "name");
                story.copyrightHolder(name != null ? name : XmlText.blankToNull(holder.attr("literal")));
            }
            story.copyrightNotice(XmlText.first(rights, "copyrightNotice"));
        }

        if (story.headline() == null && meta != null) {
            story.headline(XmlText.first(meta, "> title"));
        }
        body(newsItem, story, context);
        if (story.takeKey() == null && story.headline() != null) {
            // Reuters prefixes headlines with the take key: "UPDATE 2-Primeira Liga Results".
            int dash = story.headline().indexOf('-');
            if (dash > 0 && dash < 30 && TakeKeys.isTakeKey(story.headline().substring(0, dash))) {
                story.takeKey(story.headline().substring(0, dash).strip());
                TakeKeys.addSignals(story.takeKey(), story.signals());
            }
        }
        return story;
    }

    private static void headlines(Element content, Story story) {
        for (Element h : content.select("> headline")) {
            String text = TextBlocks.squash(h.text());
            if (text.isEmpty()) {
                continue;
            }
            String role = h.attr("role").toLowerCase(Locale.ROOT);
            if (role.contains("sub")) {
                if (story.subheadline() == null) {
                    story.subheadline(text);
                }
            } else if (story.headline() == null || role.contains("main")) {
                story.headline(text);
            }
        }
    }

    private static void body(Element newsItem, Story story, ItemContext context) {
        Element set = newsItem.selectFirst("contentSet");
        if (set == null) {
            story.warn("the news item has no contentSet: no body");
            return;
        }
        if (!set.select("> remoteContent").isEmpty()
                && set.select("> inlineXML, > inlineData").isEmpty()) {
            // Remote content would need a fetch; readers never touch the network.
            story.warn("the body is remote content (remoteContent), which is not fetched");
            return;
        }
        for (Element part : set.children()) {
            String type = part.attr("contenttype").toLowerCase(Locale.ROOT);
            if (part.normalName().equals("inlinexml")) {
                Element nitf = part.selectFirst("nitf");
                Element html = part.selectFirst("html > body, body");
                if (nitf != null) {
                    NitfReader.fill(nitf, story, context);
                    return;
                }
                if (html != null) {
                    XmlBlocks.copy(html, story, context);
                    return;
                }
                if (!part.children().isEmpty()) {
                    XmlBlocks.copy(part, story, context);
                    return;
                }
            } else if (part.normalName().equals("inlinedata")) {
                String text = part.wholeText();
                if (text.isBlank()) {
                    continue;
                }
                if (type.contains("html") || text.stripLeading().startsWith("<")) {
                    XmlBlocks.copyHtml(text, story, context);
                } else {
                    XmlBlocks.copyText(text, story);
                }
                return;
            }
        }
    }

    /** Our signal for a NewsML-G2 signal code, or null for codes that say nothing about the story's state. */
    static String signal(String code) {
        if (code == null) {
            return null;
        }
        String c = code.toLowerCase(Locale.ROOT);
        int cut = Math.max(c.lastIndexOf(':'), c.lastIndexOf('/'));
        String local = cut >= 0 ? c.substring(cut + 1) : c;
        if (!(c.startsWith("sig:") || c.contains("newscodes/signal/"))) {
            return null;
        }
        return switch (local) {
            case "update" -> "update";
            case "correction" -> "correction";
            case "kill", "withdraw", "withdrawn", "cancel" -> "kill";
            case "cwarn" -> "content-warning";
            default -> null;
        };
    }
}
