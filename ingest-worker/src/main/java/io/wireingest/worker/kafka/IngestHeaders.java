package io.wireingest.worker.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Names of the record headers the worker reads and writes, and small helpers for string headers. */
public final class IngestHeaders {
    /** Input: the media type of a bare-bytes record, e.g. {@code text/html; charset=utf-8}. */
    public static final String CONTENT_TYPE = "content-type";
    /** Input: the feed name. */
    public static final String FEED = "feed";
    /** Input: the source item id (default: the record key). */
    public static final String ITEM_ID = "item-id";
    /** Input: RFC 3339 reception time (default: the record timestamp). */
    public static final String RECEIVED_AT = "received-at";
    /** Input, optional: where the item was fetched from. */
    public static final String URL = "url";
    /** Input, optional: the declared language (BCP 47). */
    public static final String LANGUAGE = "language";

    /** Dead letters: the stage that refused the item. */
    public static final String ERROR_STAGE = "ingest.error.stage";
    /** Dead letters: the stable reason code. */
    public static final String ERROR_REASON = "ingest.error.reason";
    /** Dead letters: the exception class behind the rejection. */
    public static final String ERROR_CLASS = "ingest.error.class";
    /** Dead letters: the human-readable detail. */
    public static final String ERROR_MESSAGE = "ingest.error.message";
    /** Dead letters: where the record was read from. */
    public static final String SOURCE_TOPIC = "ingest.source.topic";

    public static final String SOURCE_PARTITION = "ingest.source.partition";
    public static final String SOURCE_OFFSET = "ingest.source.offset";
    /** Dead letters: the item's feed, when known. */
    public static final String INGEST_FEED = "ingest.feed";
    /** Dead letters: the item's id, when known. */
    public static final String INGEST_ITEM_ID = "ingest.item.id";
    /** Prefix of every header the worker adds to dead letters (stripped again on replay). */
    public static final String INGEST_PREFIX = "ingest.";

    private IngestHeaders() {}

    /** The last value of a header as UTF-8 text, or null. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        if (h == null || h.value() == null) {
            return null;
        }
        String v = new String(h.value(), StandardCharsets.UTF_8).trim();
        return v.isEmpty() ? null : v;
    }

    /** UTF-8 bytes of a header value. */
    public static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
