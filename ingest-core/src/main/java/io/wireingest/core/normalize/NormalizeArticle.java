package io.wireingest.core.normalize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wireingest.core.clean.ArticleSafelist;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.AgencyCredit;
import io.wireingest.core.model.Attribution;
import io.wireingest.core.model.Contributor;
import io.wireingest.core.model.Dateline;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.RelatedLink;
import io.wireingest.core.model.SourcePosition;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.Subject;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Turns a finished story into the normalized article: ninjs 3.1 fields plus the {@code wire} extension. The body is
 * sanitized here, once, with {@link ArticleSafelist}: every HTML body we emit passes through this one place.
 */
public final class NormalizeArticle {
    /** URI scheme prefix of article uris. */
    public static final String URI_PREFIX = "urn:wireingest:";

    static final String NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** {@code wire.dateline.dateTime}: to the second, with the dateline's offset. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final Safelist safelist = ArticleSafelist.create();
    private final Cleaner cleaner = new Cleaner(safelist);

    /**
     * The article for one story.
     *
     * @param story the finished story; its body blocks move into the article (the story is used up)
     * @param decoded the item it came from
     * @param index the story's position among the item's stories (0 for single-story items)
     * @param count how many stories the item held
     * @param context the item: its time budget holds while the body is rendered (null: no budget)
     * @throws RejectedException reason {@code timeout} when the item's time budget runs out
     */
    public Article normalize(Story story, DecodedItem decoded, int index, int count, ItemContext context)
            throws RejectedException {
        RawItem raw = decoded.raw();
        ObjectNode a = NODES.objectNode();
        a.put("uri", uri(raw.feed(), storyId(story, raw, index, count)));
        ObjectNode standard = a.putObject("standard");
        standard.put("name", "ninjs");
        standard.put("version", "3.1");
        standard.put("schema", NINJS_SCHEMA);
        a.put("type", "text");
        a.put("version", story.version() == null ? "1" : story.version());
        Instant versionCreated = story.versionCreated() != null ? story.versionCreated() : raw.receivedAt();
        a.put("versionCreated", time(versionCreated));
        if (story.firstCreated() != null) {
            a.put("firstCreated", time(story.firstCreated()));
        }
        if (story.embargoed() != null) {
            a.put("embargoedUntil", time(story.embargoed()));
        }
        a.put("pubStatus", story.pubStatus().ninjs());
        if (story.urgency() != null) {
            a.put("urgency", Math.max(1, Math.min(9, story.urgency())));
        }
        putIfPresent(a, "language", story.language());
        putIfPresent(a, "edNote", story.edNote());
        putIfPresent(a, "slugline", story.slugline());
        if (story.headline() != null && !story.headline().isBlank()) {
            ArrayNode headlines = a.putArray("headlines");
            headlines
                    .addObject()
                    .put("role", "main")
                    .put("value", story.headline().strip());
            if (story.subheadline() != null && !story.subheadline().isBlank()) {
                headlines
                        .addObject()
                        .put("role", "sub")
                        .put("value", story.subheadline().strip());
            }
        }

        RenderedBody body = sanitizeAndRender(story, context);
        String html = body.html();
        String text = body.text();
        int charCount = body.charCount();
        int wordCount = body.wordCount();
        ArrayNode bodies = a.putArray("bodies");
        bodies.addObject()
                .put("role", "main")
                .put("contentType", "text/html")
                .put("charCount", charCount)
                .put("wordCount", wordCount)
                .put("value", html);
        bodies.addObject()
                .put("role", "main")
                .put("contentType", "text/plain")
                .put("charCount", charCount)
                .put("wordCount", wordCount)
                .put("value", text);

        putIfPresent(a, "by", byline(story));
        Dateline dateline = story.dateline();
        if (dateline != null && dateline.place() != null) {
            a.put("located", dateline.place());
            ObjectNode place = a.putArray("places")
                    .addObject()
                    .put("name", dateline.place())
                    .put("rel", "located");
            if (dateline.countryCode() != null) {
                place.put("literal", dateline.countryCode());
            }
        }
        Attribution attribution = story.attribution();
        if (!attribution.chain().isEmpty()) {
            ArrayNode sources = a.putArray("infoSources");
            for (AgencyCredit credit : attribution.chain()) {
                sources.addObject()
                        .put("name", credit.name())
                        .put("role", credit.role().iptcRole());
            }
        }
        String holder = story.copyrightHolder() != null ? story.copyrightHolder() : attribution.copyrightHolder();
        String notice = story.copyrightNotice() != null ? story.copyrightNotice() : attribution.copyrightNotice();
        putIfPresent(a, "copyrightHolder", holder);
        putIfPresent(a, "copyrightNotice", notice);
        if (!story.subjects().isEmpty()) {
            ArrayNode subjects = a.putArray("subjects");
            for (Subject s : story.subjects()) {
                ObjectNode node = subjects.addObject();
                putIfPresent(node, "name", s.name());
                putIfPresent(node, "uri", s.uri());
                putIfPresent(node, "literal", s.code());
            }
        }
        ArrayNode altIds = a.putArray("altIds");
        altIds.addObject().put("role", "itemId").put("value", raw.id());
        for (Map.Entry<String, String> alt : story.altIds().entrySet()) {
            altIds.addObject().put("role", alt.getKey()).put("value", alt.getValue());
        }

        a.set("wire", wire(story, decoded, text, html));
        return new Article(a);
    }

    private ObjectNode wire(Story story, DecodedItem decoded, String text, String html) {
        RawItem raw = decoded.raw();
        ObjectNode wire = NODES.objectNode();
        ObjectNode source = wire.putObject("source");
        source.put("format", story.format().id());
        source.put("feed", raw.feed());
        source.put("itemId", raw.id());
        putIfPresent(source, "sourceId", story.sourceId());
        source.put("receivedAt", time(raw.receivedAt()));
        putIfPresent(source, "url", story.url() != null ? story.url() : raw.url());
        source.put("charset", decoded.charset());
        source.put("contentHash", contentHash(story, text));
        SourcePosition position = raw.position();
        if (position != null) {
            source.put("topic", position.topic());
            source.put("partition", position.partition());
            source.put("offset", position.offset());
        }
        Dateline d = story.dateline();
        if (d != null) {
            ObjectNode dl = wire.putObject("dateline");
            putIfPresent(dl, "text", d.text());
            putIfPresent(dl, "place", d.place());
            putIfPresent(dl, "country", d.country());
            putIfPresent(dl, "countryCode", d.countryCode());
            putIfPresent(dl, "agency", d.agency());
            putIfPresent(dl, "outlet", d.outlet());
            putIfPresent(dl, "dateText", d.dateText());
            if (d.date() != null) {
                dl.put("date", d.date().toString());
                dl.put("dateInferred", d.dateInferred());
            }
            if (d.dateTime() != null) {
                dl.put("dateTime", DATE_TIME.format(d.dateTime()));
            }
        }
        Attribution at = story.attribution();
        ObjectNode attribution = wire.putObject("attribution");
        putIfPresent(attribution, "credit", at.credit());
        ArrayNode chain = attribution.putArray("chain");
        for (AgencyCredit c : at.chain()) {
            chain.addObject().put("name", c.name()).put("role", c.role().id());
        }
        ArrayNode cited = attribution.putArray("cited");
        at.cited().forEach(cited::add);
        if (!story.contributors().isEmpty()) {
            ArrayNode contributors = wire.putArray("contributors");
            for (Contributor c : story.contributors()) {
                ObjectNode node = contributors.addObject().put("role", c.role()).put("name", c.name());
                putIfPresent(node, "label", c.label());
            }
        }
        if (!story.related().isEmpty()) {
            ArrayNode related = wire.putArray("related");
            for (RelatedLink r : story.related()) {
                ObjectNode node = related.addObject();
                putIfPresent(node, "label", r.label());
                node.put("title", r.title());
                putIfPresent(node, "url", r.url());
            }
        }
        if (!story.signals().isEmpty()) {
            ArrayNode signals = wire.putArray("signals");
            story.signals().forEach(signals::add);
        }
        putIfPresent(wire, "takeKey", story.takeKey());
        ArrayNode warnings = wire.putArray("warnings");
        story.warnings().forEach(warnings::add);
        if (decoded.malformed()) {
            warnings.add("invalid " + decoded.charset() + " byte sequences were replaced");
        }
        return wire;
    }

    private RenderedBody sanitizeAndRender(Story story, ItemContext context) throws RejectedException {
        Document dirty = Document.createShell(story.url() == null ? "" : story.url());
        for (Element h1 : story.body().getElementsByTag("h1")) {
            h1.tagName("h2");
        }
        // The blocks move (no copy): normalizing is the story's last step, and the Cleaner copies what it keeps anyway.
        dirty.body().insertChildren(0, story.body().children());
        // Most bodies hold only safe elements and text: the Cleaner would keep all of it and only filter attributes,
        // which the rendering walk does itself (the Cleaner's copy of the tree costs as much as rendering it).
        RenderedBody body = RenderedBody.sanitizing(dirty.body(), safelist, context);
        if (body != null) {
            return body;
        }
        if (context != null) {
            context.checkTime();
        }
        Document clean = cleaner.clean(dirty);
        clean.outputSettings().prettyPrint(false);
        return RenderedBody.of(clean.body(), context);
    }

    private static String byline(Story story) {
        if (story.byline() != null && !story.byline().isBlank()) {
            return story.byline().strip();
        }
        StringBuilder sb = new StringBuilder();
        for (Contributor c : story.contributors()) {
            if ("reporter".equals(c.role()) || "writer".equals(c.role()) || "author".equals(c.role())) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(c.name());
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** The id of a story inside its item: the source's own id when it has one, else derived from the item id. */
    private static String storyId(Story story, RawItem raw, int index, int count) {
        if (story.sourceId() != null && !story.sourceId().isBlank()) {
            return story.sourceId();
        }
        return count > 1 ? raw.id() + "#" + (index + 1) : raw.id();
    }

    /** The article uri for a story id within a feed: stable, deterministic and a valid URI. */
    public static String uri(String feed, String storyId) {
        return URI_PREFIX + encode(feed) + ":" + encode(storyId);
    }

    private static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    private static String contentHash(Story story, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((story.headline() == null ? "" : story.headline()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(story.pubStatus().ninjs().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
