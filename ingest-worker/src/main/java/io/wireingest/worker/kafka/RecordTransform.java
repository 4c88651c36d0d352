package io.wireingest.worker.kafka;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the transactional loop does with one consumed record: the records to publish for it, all of which go into
 * the same transaction as the record's offset. Must not throw for bad input (a throw is treated as a rejection by the
 * loop, as a safety net).
 */
@FunctionalInterface
public interface RecordTransform {
    /** The output for one input record. */
    Output apply(ConsumerRecord<byte[], byte[]> record);

    /**
     * @param records the records to publish (articles, or one dead letter)
     * @param receivedAt when the item was received, for the end-to-end latency of items published as articles; null
     *     when unknown and for dead letters (a rejected item is not published, so it has no such latency)
     */
    record Output(List<ProducerRecord<byte[], byte[]>> records, Instant receivedAt) {
        public Output {
            records = List.copyOf(records);
        }
    }
}
