package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.Subject;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one story per {@code item} or {@code entry}; an Atom {@code entry} alone
 * is one story. The body is the full content ({@code content:encoded}, Atom {@code content}) or else the description
 * or summary. The story id is the entry's guid or id, else its link, else a hash of its title and date: never random,
 * so a feed polled twice gives the same ids.
 */
public final class FeedReader implements WireFormatReader {
    @Override
    public WireFormat format() {
        return WireFormat.RSS;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        String root = SafeXml.rootName(item.text());
        return "rss".equals(root) || "feed".equals(root) || "entry".equals(root) || "RDF".equals(root);
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        Element root = SafeXml.root(SafeXml.parse(item.text(), context));
        List<Story> stories = new ArrayList<>();
        String rootName = root.normalName();
        if (rootName.equals("rss") || rootName.equals("rdf")) {
            Element channel = root.selectFirst("channel");
            for (Element it : root.select("item")) {
                context.checkTime();
                stories.add(rssItem(it, channel, context));
            }
        } else if (rootName.equals("feed")) {
            for (Element entry : root.select("entry")) {
                context.checkTime();
                stories.add(atomEntry(entry, root, context));
            }
        } else {
            stories.add(atomEntry(root, null, context));
        }
        if (stories.isEmpty()) {
            throw new RejectedException(StageName.PARSE, "empty", "the feed has no items");
        }
        return stories;
    }

    private static Story rssItem(Element it, Element channel, ItemContext context) {
        Story story = new Story(WireFormat.RSS);
        String title = child(it, "title");
        story.headline(title == null ? null : plain(title));
        String link = child(it, "link");
        String guid = child(it, "guid");
        String date = firstOf(child(it, "pubDate"), child(it, "date"));
        story.url(link);
        identify(story, guid, link, title, date);
        story.versionCreated(WireDates.parse(date));
        story.byline(firstOf(child(it, "creator"), child(it, "author")));
        String lang = firstOf(child(it, "language"), channel == null ? null : child(channel, "language"));
        story.language(lang);
        story.copyrightNotice(firstOf(
                child(it, "rights"),
                channel == null ? null : firstOf(child(channel, "copyright"), child(channel, "rights"))));
        for (Element c : it.children()) {
            if (c.normalName().equals("category") || c.normalName().equals("subject")) {
                String name = XmlText.blankToNull(TextBlocks.squash(c.text()));
                if (name != null) {
                    story.subjects().add(new Subject(XmlText.blankToNull(c.attr("domain")), name, null));
                }
            }
        }
        String content = child(it, "encoded");
        String html = content != null ? content : child(it, "description");
        if (html != null) {
            XmlBlocks.copyHtml(html, story, context);
        }
        return story;
    }

    private static Story atomEntry(Element entry, Element feed, ItemContext context) {
        Story story = new Story(WireFormat.ATOM);
        Element titleEl = directChild(entry, "title");
        String title = titleEl == null ? null : textConstruct(titleEl);
        story.headline(title);
        String link = null;
        for (Element l : entry.children()) {
            if (l.normalName().equals("link")) {
                String rel = l.attr("rel");
                if (rel.isEmpty() || rel.equals("alternate")) {
                    link = XmlText.blankToNull(l.attr("href"));
                    break;
                }
            }
        }
        story.url(link);
        String updated = child(entry, "updated");
        String published = child(entry, "published");
        identify(story, child(entry, "id"), link, title, firstOf(updated, published));
        story.versionCreated(WireDates.parse(firstOf(updated, published)));
        story.firstCreated(WireDates.parse(published));
        List<String> authors = new ArrayList<>();
        for (Element a : entry.children()) {
            if (a.normalName().equals("author")) {
                String name = child(a, "name");
                if (name != null) {
                    authors.add(name);
                }
            }
        }
        if (!authors.isEmpty()) {
            story.byline(String.join(", ", authors));
        }
        String lang = XmlText.lang(entry);
        story.language(lang);
        String rights = child(entry, "rights");
        story.copyrightNotice(rights != null ? rights : feed == null ? null : child(feed, "rights"));
        for (Element c : entry.children()) {
            if (c.normalName().equals("category")) {
                String term = XmlText.blankToNull(c.attr("term"));
                String label = XmlText.blankToNull(c.attr("label"));
                if (term != null || label != null) {
                    story.subjects().add(new Subject(XmlText.blankToNull(c.attr("scheme")), label, term));
                }
            }
        }
        Element content = directChild(entry, "content");
        if (content == null || (content.text().isBlank() && content.children().isEmpty())) {
            content = directChild(entry, "summary");
        }
        if (content != null) {
            String type = content.attr("type").toLowerCase(Locale.ROOT);
            if (type.equals("xhtml")) {
                XmlBlocks.copy(content, story, context);
            } else if (type.equals("html") || type.contains("html")) {
                XmlBlocks.copyHtml(content.wholeText(), story, context);
            } else {
                XmlBlocks.copyText(content.wholeText(), story);
            }
        }
        return story;
    }

    /** The story id: guid or id, else link, else a hash of title and date. */
    private static void identify(Story story, String guid, String link, String title, String date) {
        String id = guid != null ? guid : link;
        if (id == null) {
            id = "sha256:" + sha256((title == null ? "" : title) + "\n" + (date == null ? "" : date));
        }
        story.sourceId(id);
        story.altIds().put("guid", id);
    }

    private static String textConstruct(Element el) {
        String type = el.attr("type").toLowerCase(Locale.ROOT);
        return type.contains("html") ? plain(el.wholeText()) : XmlText.blankToNull(TextBlocks.squash(el.text()));
    }

    /** Text of a title that may hold escaped HTML. */
    private static String plain(String maybeHtml) {
        String text = maybeHtml.contains("<") ? Jsoup.parse(maybeHtml).text() : maybeHtml;
        return XmlText.blankToNull(TextBlocks.squash(text));
    }

    private static Element directChild(Element parent, String localName) {
        String n = localName.toLowerCase(Locale.ROOT);
        for (Element c : parent.children()) {
            if (c.normalName().equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** The text of a direct child by local name (raw, for HTML content), or null when blank. */
    private static String child(Element parent, String localName) {
        Element c = directChild(parent, localName);
        return c == null ? null : XmlText.blankToNull(c.wholeText());
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
