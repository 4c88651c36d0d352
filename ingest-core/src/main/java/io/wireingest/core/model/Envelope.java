package io.wireingest.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw-item envelope of {@code schemas/raw-wire-item.schema.json}: JSON that carries one item and what is known
 * about it. Reading checks the same rules as the schema and reports every problem at once.
 */
public final class Envelope {
    /**
     * Strict: a duplicate field or anything after the object is a problem, not silently resolved. No limit on the
     * length of a string ({@link InMemoryJson}): envelopes are read only from bytes already in memory, bounded by the
     * item limit. The body's own size is checked against the item limit once decoded.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(InMemoryJson.factory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    // The limits and patterns of schemas/raw-wire-item.schema.json (EnvelopeSchemaTest holds the two together).
    private static final int MAX_ID = 1024;
    private static final int MAX_FEED = 256;
    private static final Pattern FEED = Pattern.compile("\\S(.*\\S)?");
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.*)?");
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern WHITE_SPACE = Pattern.compile("[ \\t\\r\\n]+");
    private static final Set<String> FIELDS =
            Set.of("id", "feed", "contentType", "receivedAt", "url", "language", "headers", "body", "bodyBase64");

    private Envelope() {}

    /** An envelope that breaks the schema; the message lists every problem. */
    public static final class InvalidEnvelopeException extends Exception {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;
        private final String id;
        private final String feed;

        public InvalidEnvelopeException(List<String> problems) {
            this(problems, null, null);
        }

        /** With the {@code id} and {@code feed} the envelope gave, when they were readable strings. */
        public InvalidEnvelopeException(List<String> problems, String id, String feed) {
            super("invalid envelope: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
            this.id = id;
            this.feed = feed;
        }

        public List<String> problems() {
            return problems;
        }

        /** The envelope's {@code id} if it was a non-blank string (even when other fields were wrong), else null. */
        public String id() {
            return id;
        }

        /** The envelope's {@code feed} if it was a non-blank string, else null. */
        public String feed() {
            return feed;
        }
    }

    /**
     * Whether the bytes are meant as an envelope: a JSON object whose top-level fields are mostly envelope fields and
     * include {@code body}, {@code bodyBase64}, or both {@code feed} and {@code contentType} (an envelope that forgot
     * its body is still an envelope, to be refused with the reason). Only top-level names count, wherever they stand
     * in the object: a ninjs document (ours included) names {@code feed} and {@code contentType} deep inside and many
     * fields of its own at the top, so it stays content. Reads the names with a streaming parser, building nothing;
     * JSON that breaks off is judged by the names before the break.
     */
    public static boolean looksLikeEnvelope(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i >= bytes.length || bytes[i] != '{') {
            return false;
        }
        int ours = 0;
        int others = 0;
        boolean body = false;
        boolean feed = false;
        boolean contentType = false;
        try (JsonParser parser = MAPPER.getFactory().createParser(bytes, i, bytes.length - i)) {
            parser.nextToken(); // the object's start
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (FIELDS.contains(name)) {
                    ours++;
                    body |= name.equals("body") || name.equals("bodyBase64");
                    feed |= name.equals("feed");
                    contentType |= name.equals("contentType");
                } else {
                    others++;
                }
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException e) {
            // broken JSON: judged by the names read so far
        }
        return ours > others && (body || (feed && contentType));
    }

    /** Reads an envelope from JSON bytes. */
    public static RawItem parse(byte[] json) throws InvalidEnvelopeException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            // plain words, as publish, recognize and normalize say it, not Jackson's (which name its internals)
            java.util.Optional<String> deep = JsonNesting.tooDeep(
                    e, MAPPER.getFactory().streamReadConstraints().getMaxNestingDepth());
            if (deep.isPresent()) {
                throw new InvalidEnvelopeException(List.of(deep.get()));
            }
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new InvalidEnvelopeException(
                    List.of("not JSON: " + m.lines().findFirst().orElse("")));
        } catch (java.io.IOException e) {
            throw new InvalidEnvelopeException(
                    List.of("not JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        return fromJson(node);
    }

    /** Reads an envelope from a JSON tree. */
    public static RawItem fromJson(JsonNode node) throws InvalidEnvelopeException {
        List<String> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new InvalidEnvelopeException(List.of("an envelope must be a JSON object"));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "'");
            }
        }
        String id = requiredString(node, "id", problems);
        String feed = requiredString(node, "feed", problems);
        String contentType = requiredString(node, "contentType", problems);
        String receivedAtText = requiredString(node, "receivedAt", problems);
        String url = optionalString(node, "url", problems);
        String language = optionalString(node, "language", problems);
        problems.addAll(fieldProblems(id, feed, contentType, url, language, field -> "'" + field + "'"));
        Instant receivedAt = null;
        if (receivedAtText != null) {
            receivedAt = receivedAt(receivedAtText);
            if (receivedAt == null) {
                problems.add("'receivedAt' must be an RFC 3339 date-time with seconds and offset, like "
                        + "2024-05-01T08:00:00Z, got " + quote(receivedAtText));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = node.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                problems.add("headers must be an object of strings");
            } else {
                h.fields().forEachRemaining(e -> {
                    if (e.getValue().isTextual()) {
                        headers.put(e.getKey(), e.getValue().asText());
                    } else {
                        problems.add("header '" + e.getKey() + "' must be a string");
                    }
                });
            }
        }
        byte[] body = null;
        boolean hasBody = node.has("body");
        boolean hasBase64 = node.has("bodyBase64");
        if (hasBody == hasBase64) {
            problems.add("exactly one of 'body' and 'bodyBase64' is required");
        } else if (hasBody) {
            if (!node.get("body").isTextual()) {
                problems.add("body must be a string");
            } else {
                body = node.get("body").asText().getBytes(StandardCharsets.UTF_8);
            }
        } else {
            if (!node.get("bodyBase64").isTextual()) {
                problems.add("bodyBase64 must be a string");
            } else {
                try {
                    // Line breaks and spaces (as MIME encoders wrap it) are allowed; any other stray character is not.
                    body = Base64.getDecoder()
                            .decode(WHITE_SPACE
                                    .matcher(node.get("bodyBase64").asText())
                                    .replaceAll(""));
                } catch (IllegalArgumentException e) {
                    problems.add("bodyBase64 is not valid base64: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEnvelopeException(problems, readable(node, "id"), readable(node, "feed"));
        }
        // A body given as a JSON string is already text: its charset is UTF-8 whatever the content type says.
        String type = hasBody ? withUtf8(contentType) : contentType;
        return new RawItem(id, feed, type, receivedAt, url, language, headers, body, null);
    }

    /** The envelope JSON of a raw item (body as text when it is valid UTF-8, else base64). */
    public static ObjectNode toJson(RawItem item) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", item.id());
        node.put("feed", item.feed());
        node.put("contentType", item.contentType() == null ? "application/octet-stream" : item.contentType());
        node.put("receivedAt", item.receivedAt().toString());
        if (item.url() != null) {
            node.put("url", item.url());
        }
        if (item.language() != null) {
            node.put("language", item.language());
        }
        if (!item.headers().isEmpty()) {
            ObjectNode headers = node.putObject("headers");
            item.headers().forEach(headers::put);
        }
        String text = new String(item.body(), StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), item.body())) {
            node.put("body", text);
        } else {
            node.put("bodyBase64", Base64.getEncoder().encodeToString(item.body()));
        }
        return node;
    }

    /** {@link #toJson} as compact bytes. */
    public static byte[] toJsonBytes(RawItem item) {
        try {
            return MAPPER.writeValueAsBytes(toJson(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What is wrong with an item's describing fields by the schema's rules (lengths and patterns of id, feed and
     * content type, an absolute url, a BCP 47 language); null fields are not checked. Also for bare items whose fields
     * come from elsewhere (HTTP headers): {@code label} names each field in the messages, e.g. {@code 'feed'} for an
     * envelope field or {@code X-Feed} for the header that gave it.
     */
    public static List<String> fieldProblems(
            String id,
            String feed,
            String contentType,
            String url,
            String language,
            java.util.function.UnaryOperator<String> label) {
        List<String> problems = new ArrayList<>();
        if (id != null && id.length() > MAX_ID) {
            problems.add(label.apply("id") + " is " + id.length() + " characters, over the limit of " + MAX_ID);
        }
        if (feed != null && (feed.length() > MAX_FEED || !FEED.matcher(feed).matches())) {
            problems.add(label.apply("feed") + " must be 1 to " + MAX_FEED
                    + " characters without leading or trailing white space, got " + quote(feed));
        }
        if (contentType != null && !CONTENT_TYPE.matcher(contentType).matches()) {
            problems.add(label.apply("contentType") + " must be a media type like text/plain; charset=utf-8, got "
                    + quote(contentType));
        }
        if (url != null && !isAbsoluteUri(url)) {
            problems.add(label.apply("url") + " must be an absolute URI, got " + quote(url));
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            problems.add(label.apply("language") + " must be a BCP 47 tag like id or en-GB, got " + quote(language));
        }
        return problems;
    }

    /** An RFC 3339 date-time with seconds and offset (the schema's {@code receivedAt}), or null when it is not one. */
    public static Instant receivedAt(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            return null; // matches the pattern but is no date, e.g. month 13
        }
    }

    /** A field's value for a dead letter's headers: a non-blank string, cut to a sane length, or null. */
    private static String readable(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            return null;
        }
        String text = v.asText();
        return text.length() > MAX_ID ? text.substring(0, MAX_ID) : text;
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String quote(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + cut + "'";
    }

    private static String withUtf8(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        StringBuilder sb = new StringBuilder(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].trim().toLowerCase(java.util.Locale.ROOT).startsWith("charset")) {
                sb.append(';').append(parts[i]);
            }
        }
        return sb.append("; charset=utf-8").toString();
    }

    private static String requiredString(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            problems.add("'" + field + "' is required");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add("'" + field + "' must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    private static String optionalString(JsonNode node, String field, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add("'" + field + "' must be a string");
            return null;
        }
        return v.asText();
    }
}
