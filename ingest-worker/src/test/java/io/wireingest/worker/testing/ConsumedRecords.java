package io.wireingest.worker.testing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/** Consumer records built by hand, for tests of what the worker does with one record (no broker involved). */
public final class ConsumedRecords {
    private ConsumedRecords() {}

    /**
     * A record as the consumer hands it over: create-time timestamp, serialized sizes from the key and value.
     *
     * @param key the key in UTF-8, or null for none
     */
    public static ConsumerRecord<byte[], byte[]> record(
            String topic, int partition, long offset, long timestamp, String key, byte[] value, Headers headers) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(
                topic,
                partition,
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                keyBytes == null ? -1 : keyBytes.length,
                value.length,
                keyBytes,
                value,
                headers,
                Optional.empty());
    }
}
