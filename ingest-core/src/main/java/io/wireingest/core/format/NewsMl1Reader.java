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
import org.jsoup.nodes.Element;

/**
 * IPTC NewsML 1.x: a {@code NewsML} envelope of one or more {@code NewsItem}s (one story each). Identity comes from
 * {@code NewsIdentifier} (provider, date and item id; {@code RevisionId} is the version), status, urgency and
 * instructions from {@code NewsManagement}, headline, byline, dateline and credit from {@code NewsLines}; the body is
 * the first text {@code ContentItem} (inline NITF, XHTML or plain text).
 */
public final class NewsMl1Reader implements WireFormatReader {
    @Override
    public WireFormat format() {
        return WireFormat.NEWSML_1;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        String root = SafeXml.rootName(item.text());
        return "NewsML".equals(root) || "NewsItem".equals(root);
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        Element root = SafeXml.root(SafeXml.parse(item.text(), context));
        List<Element> items = root.normalName().equals("newsitem") ? List.of(root) : root.select("NewsItem");
        List<Story> stories = new ArrayList<>();
        for (Element newsItem : items) {
            context.checkTime();
            if (newsItem.parents().stream().anyMatch(p -> p.normalName().equals("newsitem"))) {
                continue;
            }
            Story story = story(newsItem, context);
            if (story != null) {
                stories.add(story);
            }
        }
        if (stories.isEmpty()) {
            throw new RejectedException(StageName.PARSE, "no-text-item", "the NewsML document holds no text NewsItem");
        }
        return stories;
    }

    private static Story story(Element newsItem, ItemContext context) {
        Story story = new Story(WireFormat.NEWSML_1);
        Element ident = newsItem.selectFirst("Identification > NewsIdentifier");
        if (ident != null) {
            String provider = XmlText.first(ident, "ProviderId");
            String date = XmlText.first(ident, "DateId");
            String itemId = XmlText.first(ident, "NewsItemId");
            String revision = XmlText.first(ident, "RevisionId");
            String urn = XmlText.first(ident, "PublicIdentifier");
            if (provider != null && itemId != null) {
                story.sourceId("urn:newsml:" + provider + ":" + (date == null ? "" : date) + ":" + itemId);
            } else if (urn != null) {
                story.sourceId(urn.replaceFirst(":\\d+[A-Z]?$", ""));
            }
            if (urn != null) {
                story.altIds().put("guid", urn);
            } else if (story.sourceId() != null) {
                story.altIds().put("guid", story.sourceId());
            }
            story.version(revision);
        }
        Element mgmt = newsItem.selectFirst("NewsManagement");
        if (mgmt != null) {
            String itemType = XmlText.attr(mgmt, "NewsItemType", "FormalName");
            story.firstCreated(WireDates.parse(XmlText.first(mgmt, "FirstCreated")));
            story.versionCreated(WireDates.parse(XmlText.first(mgmt, "ThisRevisionCreated")));
            PubStatus status = XmlText.pubStatus(XmlText.attr(mgmt, "Status", "FormalName"));
            if (status != null) {
                story.pubStatus(status);
            }
            story.urgency(XmlText.urgency(XmlText.attr(mgmt, "Urgency", "FormalName")));
            Element embargo = mgmt.selectFirst("StatusWillChange > DateAndTime");
            if (story.pubStatus() == PubStatus.WITHHELD && embargo != null) {
                story.embargoed(WireDates.parse(embargo.text()));
            }
            for (Element instruction : mgmt.select("Instruction")) {
                String v = instruction.attr("FormalName").toLowerCase(Locale.ROOT);
                String signal = switch (v) {
                    case "update", "rectify" -> "update";
                    case "correction", "correct" -> "correction";
                    case "kill", "delete", "withdraw", "lift" -> v.equals("lift") ? null : "kill";
                    default -> null;
                };
                if (signal != null && !story.signals().contains(signal)) {
                    story.signals().add(signal);
                }
                if (signal != null && signal.equals("kill")) {
                    story.pubStatus(PubStatus.CANCELED);
                }
            }
            if (itemType != null
                    && itemType.equalsIgnoreCase("Alert")
                    && !story.signals().contains("urgent")) {
                story.signals().add("urgent");
            }
        }
        if (story.pubStatus() == PubStatus.CANCELED && !story.signals().contains("kill")) {
            story.signals().add("kill");
        }
        Element component = newsItem.selectFirst("NewsComponent");
        if (component == null) {
            return story;
        }
        Element lines = component.selectFirst("NewsLines");
        if (lines != null) {
            story.headline(XmlText.first(lines, "HeadLine"));
            story.subheadline(XmlText.first(lines, "SubHeadLine"));
            String by = XmlText.first(lines, "ByLine");
            story.byline(by);
            story.datelineText(XmlText.first(lines, "DateLine"));
            String credit = XmlText.first(lines, "CreditLine");
            if (credit != null) {
                story.creditLines().add(credit);
            }
            story.copyrightNotice(XmlText.first(lines, "CopyrightLine"));
            String[] slug = TakeKeys.splitSlugline(XmlText.first(lines, "SlugLine"));
            story.slugline(slug[0]);
            if (slug[1] != null) {
                story.takeKey(slug[1]);
                TakeKeys.addSignals(slug[1], story.signals());
            }
        }
        story.copyrightHolder(XmlText.first(component, "RightsMetadata Copyright CopyrightHolder"));
        String lang = XmlText.attr(component, "DescriptiveMetadata > Language", "FormalName");
        story.language(lang != null ? lang : XmlText.lang(newsItem));
        for (Element s :
                component.select("SubjectCode > Subject, SubjectCode > SubjectMatter, SubjectCode > SubjectDetail")) {
            String code = XmlText.blankToNull(s.attr("FormalName"));
            if (code != null) {
                story.subjects().add(new Subject(null, null, code));
            }
        }
        for (Element ci : component.select("ContentItem")) {
            String media = XmlText.attr(ci, "MediaType", "FormalName");
            if (media != null && !media.equalsIgnoreCase("Text")) {
                continue;
            }
            Element data = ci.selectFirst("DataContent");
            if (data == null) {
                continue;
            }
            Element nitf = data.selectFirst("nitf");
            Element html = data.selectFirst("html > body, body");
            if (nitf != null) {
                NitfReader.fill(nitf, story, context);
            } else if (html != null) {
                XmlBlocks.copy(html, story, context);
            } else if (!data.children().isEmpty()) {
                XmlBlocks.copy(data, story, context);
            } else if (!data.wholeText().isBlank()) {
                String format =
                        String.valueOf(XmlText.attr(ci, "Format", "FormalName")).toLowerCase(Locale.ROOT);
                if (format.contains("html")) {
                    XmlBlocks.copyHtml(data.wholeText(), story, context);
                } else {
                    XmlBlocks.copyText(data.wholeText(), story);
                }
            } else {
                continue;
            }
            break;
        }
        return story;
    }
}
