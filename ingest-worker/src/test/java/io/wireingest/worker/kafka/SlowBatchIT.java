package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch holding an item slower than the longest a batch's transaction may stay open: the batch is committed in
 * part and the rest read again by the real consumer, every item published exactly once.
 */
@ExtendWith(SharedKafka.class)
class SlowBatchIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aSlowItemCutsItsBatchShortAndEveryItemIsPublishedOnce() throws Exception {
        TestTopics topics = TestTopics.create("slow", 1);
        // A batch may keep its transaction open for 1 s (half the producer's transaction timeout of 2 s).
        WorkerConfig config = topics.config(
                "slow",
                Map.of(
                        "INGEST_THREADS", "1",
                        "INGEST_TRANSFORM_THREADS", "2",
                        "INGEST_MAX_TIME_MS", "500",
                        "KAFKA_CLIENT_TRANSACTION_TIMEOUT_MS", "2000"));
        assertThat(config.maxBatchTime()).isEqualTo(Duration.ofSeconds(1));
        TestTopics.produce(ExactlyOnce.records(topics, "s", 0, 10));

        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        // The first time it comes, item s-3 takes 4 s (as an item near the budget would, many of them in a row):
        // longer than the batch may stay open, and longer than the transaction timeout itself.
        Worker worker = workerWithOneSlowItem(config, topics, metrics, "s-3", 4000);
        List<ConsumerRecord<byte[], byte[]>> articles = runUntil(worker, topics, 10);

        assertThat(worker.fatal()).isEmpty();
        Map<String, Integer> once = new HashMap<>();
        for (int n = 0; n < 10; n++) {
            once.put("s-" + n, 1);
        }
        assertThat(ExactlyOnce.counts(articles)).isEqualTo(once);
        assertThat(ExactlyOnce.hashes(articles)).isEqualTo(ExactlyOnce.expectedHashes("s", 0, 10));
        assertThat(metrics.registry().find(WorkerMetrics.BATCHES_CUT).counter().count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.registry()
                        .find(WorkerMetrics.TRANSACTIONS_ABORTED)
                        .tag("cause", "retriable")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void aTransactionTheBrokerAbortsOnTimeoutIsRetriedWithANewProducer() throws Exception {
        // The thread stalls 20 s with its transaction open (as in a long GC pause, or a process stopped and resumed):
        // far past the producer's transaction timeout (5 s), so the broker aborts the transaction and fences the
        // producer. That is not another worker: the loop starts a new producer and publishes the batch once.
        TestTopics topics = TestTopics.create("timedout", 1);
        WorkerConfig config = topics.config(
                "timedout",
                Map.of(
                        "INGEST_THREADS", "1",
                        "INGEST_TRANSFORM_THREADS", "0",
                        "INGEST_MAX_TIME_MS", "1000",
                        "KAFKA_CLIENT_TRANSACTION_TIMEOUT_MS", "5000"));
        TestTopics.produce(ExactlyOnce.records(topics, "t", 0, 3));

        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        Worker worker = workerWithOneSlowItem(config, topics, metrics, "t-2", 20_000);
        List<ConsumerRecord<byte[], byte[]>> articles = runUntil(worker, topics, 3);

        assertThat(worker.fatal()).isEmpty();
        assertThat(ExactlyOnce.counts(articles)).isEqualTo(Map.of("t-0", 1, "t-1", 1, "t-2", 1));
        assertThat(metrics.registry()
                        .find(WorkerMetrics.TRANSACTIONS_ABORTED)
                        .tag("cause", "retriable")
                        .counter()
                        .count())
                .isPositive();
    }

    /** A worker on the topics running the real pipeline, except that item {@code slowId} takes {@code millis} once. */
    private static Worker workerWithOneSlowItem(
            WorkerConfig config, TestTopics topics, WorkerMetrics metrics, String slowId, long millis) {
        NormalizeRecord normalize = new NormalizeRecord(
                IngestPipeline.create(),
                topics.articles(),
                new DeadLetters(topics.rejected(), config.maxRecordBytes()),
                config.maxRecordBytes(),
                metrics);
        AtomicBoolean slept = new AtomicBoolean();
        RecordTransform slowOnce = record -> {
            if (slowId.equals(new String(record.key(), StandardCharsets.UTF_8)) && slept.compareAndSet(false, true)) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return normalize.apply(record);
        };
        return new Worker(
                config,
                new KafkaClients(config, config.bootstrapServers().orElseThrow()),
                topics.raw(),
                () -> slowOnce,
                metrics);
    }

    /** Starts the worker, reads the committed articles until {@code count} came, stops it. */
    private static List<ConsumerRecord<byte[], byte[]>> runUntil(Worker worker, TestTopics topics, int count)
            throws InterruptedException {
        worker.start();
        try {
            return TestTopics.readCommitted(topics.articles(), count, WAIT);
        } finally {
            assertThat(worker.stopAndWait(WAIT)).isTrue();
        }
    }
}
