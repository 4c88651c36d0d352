package io.wireingest.worker.kafka;

import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads one raw-topic record into a {@link RawItem}: a raw-item envelope (JSON per
 * {@code schemas/raw-wire-item.schema.json}), or bare bytes described by the headers {@code content-type},
 * {@code feed}, {@code item-id}, {@code received-at} (and optional {@code url}, {@code language}). Missing headers are
 * defaulted: the record key as item id, the record timestamp as reception time, the topic name as feed. The item
 * carries its Kafka position.
 */
public final class ReadRawItem {
    /** The record could not be read as an item (an envelope that breaks the schema). */
    public static final class UnreadableRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String reason;
        private final String itemId;
        private final String feed;

        UnreadableRecordException(String reason, String message, String itemId, String feed) {
            super(message);
            this.reason = reason;
            this.itemId = itemId;
            this.feed = feed;
        }

        /** The stable reason code, e.g. {@code invalid-envelope}. */
        public String reason() {
            return reason;
        }

        /** The item id the record named (in the envelope, else in its headers), or null. */
        public String itemId() {
            return itemId;
        }

        /** The feed the record named (in the envelope, else in its headers), or null. */
        public String feed() {
            return feed;
        }
    }

    /** Stage id of failures here, as dead letters name it. */
    public static final String STAGE = "envelope";

    private ReadRawItem() {}

    /** Reads a record; never returns null. */
    public static RawItem read(ConsumerRecord<byte[], byte[]> record) throws UnreadableRecordException {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        SourcePosition position = new SourcePosition(record.topic(), record.partition(), record.offset());
        String declaredType = IngestHeaders.text(record.headers(), IngestHeaders.CONTENT_TYPE);
        boolean declaredJsonOrNothing = declaredType == null
                || declaredType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
                || declaredType.toLowerCase(java.util.Locale.ROOT).contains("raw-wire-item");
        if (declaredJsonOrNothing && Envelope.looksLikeEnvelope(value)) {
            try {
                return Envelope.parse(value).withPosition(position);
            } catch (Envelope.InvalidEnvelopeException e) {
                throw new UnreadableRecordException(
                        "invalid-envelope",
                        String.join("; ", e.problems()),
                        e.id() != null ? e.id() : IngestHeaders.text(record.headers(), IngestHeaders.ITEM_ID),
                        e.feed() != null ? e.feed() : IngestHeaders.text(record.headers(), IngestHeaders.FEED));
            }
        }
        String id = IngestHeaders.text(record.headers(), IngestHeaders.ITEM_ID);
        if (id == null && record.key() != null && record.key().length > 0) {
            id = new String(record.key(), StandardCharsets.UTF_8);
        }
        if (id == null) {
            id = record.topic() + "-" + record.partition() + "-" + record.offset();
        }
        String feed = IngestHeaders.text(record.headers(), IngestHeaders.FEED);
        if (feed == null) {
            feed = record.topic();
        }
        Instant receivedAt = Instant.ofEpochMilli(Math.max(0, record.timestamp()));
        String at = IngestHeaders.text(record.headers(), IngestHeaders.RECEIVED_AT);
        if (at != null) {
            try {
                receivedAt = OffsetDateTime.parse(at).toInstant();
            } catch (DateTimeParseException e) {
                // An unreadable reception time is not worth a dead letter: the record timestamp is a fair stand-in.
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            String name = h.key();
            if (h.value() == null
                    || name.startsWith(IngestHeaders.INGEST_PREFIX)
                    || name.equals(IngestHeaders.CONTENT_TYPE)
                    || name.equals(IngestHeaders.FEED)
                    || name.equals(IngestHeaders.ITEM_ID)
                    || name.equals(IngestHeaders.RECEIVED_AT)
                    || name.equals(IngestHeaders.URL)
                    || name.equals(IngestHeaders.LANGUAGE)) {
                continue;
            }
            extra.put(name, new String(h.value(), StandardCharsets.UTF_8));
        }
        return new RawItem(
                id,
                feed,
                declaredType,
                receivedAt,
                IngestHeaders.text(record.headers(), IngestHeaders.URL),
                IngestHeaders.text(record.headers(), IngestHeaders.LANGUAGE),
                extra,
                value,
                position);
    }
}
