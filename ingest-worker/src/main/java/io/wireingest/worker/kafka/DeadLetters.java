package io.wireingest.worker.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead letters (after Kafka Connect's DeadLetterQueueReporter): the original key, bytes and headers, plus
 * {@code ingest.error.*} headers saying which stage refused the item and why, {@code ingest.source.*} saying where
 * it was read, and {@code ingest.feed} / {@code ingest.item.id} when known. Earlier {@code ingest.*} headers (a
 * replayed dead letter that failed again) are replaced, not repeated.
 */
public final class DeadLetters {
    /** Error class named when a stage refused an item without an exception behind it. */
    public static final String REJECTED_CLASS = "io.wireingest.core.pipeline.RejectedException";

    private static final int MAX_MESSAGE = 2000;

    private final String topic;
    private final int maxRecordBytes;

    public DeadLetters(String topic, int maxRecordBytes) {
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
    }

    public String topic() {
        return topic;
    }

    /** A dead letter for one consumed record. */
    public ProducerRecord<byte[], byte[]> deadLetter(
            ConsumerRecord<byte[], byte[]> source,
            String stage,
            String reason,
            String errorClass,
            String message,
            String feed,
            String itemId) {
        Headers headers = new RecordHeaders();
        for (Header h : source.headers()) {
            if (!h.key().startsWith(IngestHeaders.INGEST_PREFIX)) {
                headers.add(h);
            }
        }
        String msg = message == null ? "" : message;
        if (msg.length() > MAX_MESSAGE) {
            msg = msg.substring(0, MAX_MESSAGE) + "…";
        }
        add(headers, IngestHeaders.ERROR_STAGE, stage);
        add(headers, IngestHeaders.ERROR_REASON, reason);
        add(headers, IngestHeaders.ERROR_CLASS, errorClass == null ? REJECTED_CLASS : errorClass);
        add(headers, IngestHeaders.ERROR_MESSAGE, msg);
        add(headers, IngestHeaders.SOURCE_TOPIC, source.topic());
        add(headers, IngestHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
        add(headers, IngestHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
        if (feed != null) {
            add(headers, IngestHeaders.INGEST_FEED, feed);
        }
        if (itemId != null) {
            add(headers, IngestHeaders.INGEST_ITEM_ID, itemId);
        }
        byte[] value = source.value();
        long size = (source.key() == null ? 0 : source.key().length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        if (size > maxRecordBytes) {
            // Too big to send back with our headers: keep the evidence, drop the bytes (the source position says
            // where the original still is, for as long as the raw topic retains it).
            add(headers, "ingest.body.dropped", "true");
            value = null;
        }
        return new ProducerRecord<>(topic, null, source.key(), value, headers);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, IngestHeaders.bytes(value));
    }
}
