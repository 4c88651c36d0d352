package io.wireingest.worker.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the newest committed records of a topic back (read_committed, no consumer group): the last {@code n} of
 * every partition, newest first overall. For inspection ({@code GET /articles}), not for consuming.
 */
public final class ArticleReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    public ArticleReader(KafkaClients clients, String topic) {
        this.consumer = new KafkaConsumer<>(clients.reader("article-reader"));
        this.topic = topic;
    }

    /**
     * The newest {@code limit} record values (UTF-8), newest first. The topic is written in transactions, so offsets
     * also hold commit markers (and aborted records), which a read_committed consumer never returns: the window read
     * back from each partition's end starts at twice the limit and doubles until it holds enough records or reaches
     * the beginning (at most 8 times).
     */
    public synchronized List<String> newest(int limit, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        long window = 2L * limit + 2;
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++, window *= 2) {
            records.clear();
            boolean more = false;
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                long start = Math.max(begins.get(tp), end - window);
                more |= start > begins.get(tp);
                if (end > start) {
                    consumer.seek(tp, start);
                    pending.add(tp);
                }
            }
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
                pending.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            }
            if (records.size() >= limit || !more || System.nanoTime() >= deadline) {
                break;
            }
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .thenComparingLong(ConsumerRecord::offset)
                .reversed());
        List<String> values = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, records.size()); i++) {
            values.add(new String(records.get(i).value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public synchronized void close() {
        // Bounded: the stop must not wait on brokers that are away.
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(3)));
    }
}
