package io.wireingest.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One raw item as a producer sent it: bytes plus what the envelope or record headers say about them.
 *
 * @param id the source item id (never blank)
 * @param feed the name of the source feed (never blank)
 * @param contentType the declared media type, e.g. {@code text/plain; charset=utf-8}; may be null when unknown
 * @param receivedAt when the item was received
 * @param url where the item was fetched from, or null
 * @param language the language the producer declares (BCP 47), or null
 * @param headers extra producer headers (never null)
 * @param body the content bytes (never null)
 * @param position where the item was read from Kafka, or null outside Kafka
 */
public record RawItem(
        String id,
        String feed,
        String contentType,
        Instant receivedAt,
        String url,
        String language,
        Map<String, String> headers,
        byte[] body,
        SourcePosition position) {

    public RawItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A raw item with just the essentials. */
    public static RawItem of(String id, String feed, String contentType, Instant receivedAt, byte[] body) {
        return new RawItem(id, feed, contentType, receivedAt, null, null, Map.of(), body, null);
    }

    /** This item with its Kafka position set. */
    public RawItem withPosition(SourcePosition newPosition) {
        return new RawItem(id, feed, contentType, receivedAt, url, language, headers, body, newPosition);
    }
}
