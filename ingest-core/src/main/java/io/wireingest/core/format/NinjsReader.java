package io.wireingest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.JsonNesting;
import io.wireingest.core.model.PubStatus;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.Subject;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * IPTC ninjs JSON, versions 1.x (lowercase keys such as {@code versioncreated}, {@code body_html}), 2.x and 3.x
 * ({@code versionCreated}, {@code headlines[]}, {@code bodies[]}): one object, or an array of objects (one story each).
 * Only text items are read; pictures and other media (also in {@code associations}) are skipped.
 */
public final class NinjsReader implements WireFormatReader {
    private static final Pattern NINJS_KEY = Pattern.compile(
            "\"(?:uri|guid|headline|headlines|body_html|body_text|body_xhtml|bodies|versioncreated|versionCreated)\"\\s*:");
    private static final Map<Integer, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

    @Override
    public WireFormat format() {
        return WireFormat.NINJS;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        String head = item.text().stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1).stripLeading();
        }
        if (!(head.startsWith("{") || head.startsWith("["))) {
            return false;
        }
        String sniff = head.substring(0, Math.min(head.length(), 8192));
        return NINJS_KEY.matcher(sniff).find();
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        JsonNode root;
        try {
            root = mapper(context.limits().maxDepth()).readTree(item.text());
        } catch (StreamConstraintsException e) {
            // Jackson's depth limit (set to the item's) says so without a location, in its own terms
            if (JsonNesting.tooDeep(e, context.limits().maxDepth()).isPresent()) {
                throw JsonDepth.tooDeep(StageName.PARSE, context.limits().maxDepth());
            }
            throw new RejectedException(StageName.PARSE, "malformed-json", JsonDepth.describe(e), e);
        } catch (JsonProcessingException e) {
            throw new RejectedException(StageName.PARSE, "malformed-json", JsonDepth.describe(e), e);
        }
        List<JsonNode> objects = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(objects::add);
        } else if (root != null && root.isObject()) {
            objects.add(root);
        }
        List<Story> stories = new ArrayList<>();
        for (JsonNode n : objects) {
            context.checkTime();
            if (!n.isObject()) {
                continue;
            }
            String type = text(n, "type");
            if (type != null && !type.equalsIgnoreCase("text")) {
                continue;
            }
            stories.add(story(n, context));
        }
        if (stories.isEmpty()) {
            throw new RejectedException(StageName.PARSE, "no-text-item", "the ninjs input holds no text item");
        }
        return stories;
    }

    private static ObjectMapper mapper(int maxDepth) {
        return MAPPERS.computeIfAbsent(maxDepth, d -> {
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(d).build())
                    .build();
            return new ObjectMapper(factory);
        });
    }

    private static Story story(JsonNode n, ItemContext context) {
        Story story = new Story(WireFormat.NINJS);
        String uri = text(n, "uri");
        String guid = text(n, "guid");
        story.sourceId(uri != null ? uri : guid);
        if (guid != null || uri != null) {
            story.altIds().put("guid", guid != null ? guid : uri);
        }
        story.version(text(n, "version"));
        story.versionCreated(WireDates.parse(text(n, "versionCreated", "versioncreated")));
        story.firstCreated(WireDates.parse(text(n, "firstCreated", "firstcreated")));
        story.embargoed(WireDates.parse(text(n, "embargoed", "embargoedUntil", "embargoeduntil")));
        PubStatus status = XmlText.pubStatus(text(n, "pubStatus", "pubstatus"));
        if (status != null) {
            story.pubStatus(status);
        }
        if (status == PubStatus.CANCELED) {
            story.signals().add("kill");
        }
        Integer urgency = XmlText.urgency(text(n, "urgency"));
        // Superdesk-style ninjs carries a separate priority: it stands in only when there is no urgency.
        story.urgency(urgency != null ? urgency : XmlText.urgency(text(n, "priority")));
        story.language(text(n, "language"));
        story.edNote(text(n, "edNote", "ednote"));
        story.slugline(text(n, "slugline"));
        story.byline(text(n, "by", "byline"));
        story.copyrightHolder(text(n, "copyrightHolder", "copyrightholder"));
        story.copyrightNotice(text(n, "copyrightNotice", "copyrightnotice"));
        String source = text(n, "source");
        if (source != null) {
            story.creditLines().add(source);
        }
        for (JsonNode info : n.path("infoSources")) {
            String name = text(info, "name");
            if (name != null && !story.creditLines().contains(name)) {
                story.creditLines().add(name);
            }
        }
        headlines(n, story);
        for (JsonNode s : n.has("subjects") ? n.path("subjects") : n.path("subject")) {
            String code = text(s, "literal", "code", "qcode");
            String name = text(s, "name");
            String subjectUri = text(s, "uri");
            if (code != null || name != null || subjectUri != null) {
                story.subjects().add(new Subject(subjectUri, name, code));
            }
        }
        for (JsonNode alt : n.path("altids").isObject() ? List.of(n.path("altids")) : List.<JsonNode>of()) {
            alt.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !story.altIds().containsKey(e.getKey())) {
                    story.altIds().put(e.getKey(), e.getValue().asText());
                }
            });
        }
        body(n, story, context);
        return story;
    }

    private static void headlines(JsonNode n, Story story) {
        String headline = text(n, "headline");
        if (headline != null) {
            story.headline(TextBlocks.squash(headline));
        }
        for (JsonNode h : n.path("headlines")) {
            String value = text(h, "value");
            String role = String.valueOf(text(h, "role")).toLowerCase(Locale.ROOT);
            if (value == null) {
                continue;
            }
            if (role.contains("sub")) {
                if (story.subheadline() == null) {
                    story.subheadline(TextBlocks.squash(value));
                }
            } else if (story.headline() == null || role.equals("main")) {
                story.headline(TextBlocks.squash(value));
            }
        }
    }

    private static void body(JsonNode n, Story story, ItemContext context) {
        String html = text(n, "body_html", "body_xhtml");
        String plain = text(n, "body_text");
        for (JsonNode b : n.path("bodies")) {
            String ct = String.valueOf(text(b, "contentType")).toLowerCase(Locale.ROOT);
            String value = text(b, "value");
            if (value == null) {
                continue;
            }
            if (ct.contains("html") && html == null) {
                html = value;
            } else if (!ct.contains("html") && plain == null) {
                plain = value;
            }
        }
        if (html != null) {
            XmlBlocks.copyHtml(html, story, context);
        } else if (plain != null) {
            XmlBlocks.copyText(plain, story);
        }
    }

    /** The first of the named fields that holds a non-blank scalar, as text. */
    private static String text(JsonNode n, String... fields) {
        for (String f : fields) {
            JsonNode v = n.get(f);
            if (v != null && v.isValueNode() && !v.isNull()) {
                String s = v.asText();
                if (!s.isBlank()) {
                    return s.strip();
                }
            }
        }
        return null;
    }
}
