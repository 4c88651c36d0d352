package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.TestTopics;
import io.wireingest.worker.testing.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brokers go away while a transaction is open and come back a while later, longer than the producer's
 * {@code max.block.ms} (so the send, the offsets and the abort all time out at least once): the worker rides it out
 * with its retries, and the committed output holds every input exactly once.
 *
 * <p>Uses a broker of its own (the embedded broker {@code run} uses, on a fixed port and data directory), since the
 * test stops it; the shared broker of the other tests stays up.
 */
class BrokerOutageIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @TempDir
    Path temp;

    @Test
    void aWorkerRidesOutABrokerOutageUnderAnOpenTransactionAndPublishesEveryItemOnce() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(dir, 0);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        TestTopics topics = TestTopics.create(client, "outage", 1);
        String raw = topics.raw();
        String articles = topics.articles();
        String rejected = topics.rejected();

        WorkerConfig config = topics.config(
                "outage",
                bootstrap,
                Map.of(
                        "INGEST_THREADS", "1",
                        "INGEST_TRANSFORM_THREADS", "0",
                        "INGEST_RETRY_BACKOFF_MS", "200",
                        "INGEST_RETRY_BACKOFF_MAX_MS", "1000",
                        // Every blocking producer call gives up after 3 s: the 12 s outage below outlasts several.
                        "KAFKA_CLIENT_MAX_BLOCK_MS", "3000"));

        // The transform of item "gate" waits until the test has stopped the broker: the batch's transaction is open,
        // its first records sent, when the broker goes.
        CountDownLatch atGate = new CountDownLatch(1);
        CountDownLatch brokerGone = new CountDownLatch(1);
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        IngestPipeline pipeline = IngestPipeline.create();
        DeadLetters deadLetters = new DeadLetters(rejected, config.maxRecordBytes());
        Worker worker = new Worker(
                config,
                new KafkaClients(config, bootstrap),
                raw,
                () -> {
                    NormalizeRecord normalize =
                            new NormalizeRecord(pipeline, articles, deadLetters, config.maxRecordBytes(), metrics);
                    return record -> {
                        if ("gate".equals(new String(record.key(), StandardCharsets.UTF_8))) {
                            atGate.countDown();
                            try {
                                brokerGone.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return normalize.apply(record);
                    };
                },
                metrics);

        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(ExactlyOnce.records(topics, "before", 0, 5));
        batch.add(topics.bare(0, "gate", "antara-id", "text/plain; charset=utf-8", ExactlyOnce.story(99)));
        batch.addAll(ExactlyOnce.records(topics, "before", 5, 10));
        TestTopics.produce(client, batch);

        worker.start();
        try {
            assertThat(atGate.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            broker.close();
            brokerGone.countDown();
            // Longer than max.block.ms twice over: the batch's commit (or its abort) times out while the brokers are
            // away, and the worker has to retry instead of giving up.
            Thread.sleep(12_000);
            assertThat(worker.fatal()).isEmpty();
            broker = EmbeddedBroker.start(dir, port);
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

            TestTopics.produce(client, ExactlyOnce.records(topics, "after", 0, 5));
            var committed = TestTopics.readCommitted(client, articles, 16, WAIT);

            Map<String, Integer> expected = new HashMap<>();
            for (int n = 0; n < 10; n++) {
                expected.put("before-" + n, 1);
            }
            for (int n = 0; n < 5; n++) {
                expected.put("after-" + n, 1);
            }
            expected.put("gate", 1);
            assertThat(ExactlyOnce.counts(committed)).isEqualTo(expected);
            assertThat(worker.fatal()).isEmpty();
            assertThat(metrics.registry()
                            .find("ingest.transactions.aborted")
                            .tag("cause", "retriable")
                            .counter()
                            .count())
                    .isPositive();
        } finally {
            worker.stopAndWait(Duration.ofSeconds(60));
            broker.close();
        }
        assertThat(worker.exitCode()).isZero();
    }

    @Test
    void sigtermWhileTheBrokersAreAwayUnderAnOpenTransactionExitsZeroAndLosesNothing() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(dir, 0);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        TestTopics topics = TestTopics.create(client, "away", 1);
        int total = 2000;
        TestTopics.produce(client, ExactlyOnce.records(topics, "a", 0, total));
        Map<String, String> env = new HashMap<>(topics.env("away", bootstrap));
        env.put("INGEST_THREADS", "1");
        // Small transactions, so that the worker is in one (sending, committing) nearly all the time.
        env.put("INGEST_MAX_POLL_RECORDS", "5");
        // Less than the producer's max.block.ms (Kafka's 60 s): waiting for the brokers would run past it (exit 1).
        env.put("INGEST_SHUTDOWN_TIMEOUT_MS", "20000");

        try (WorkerProcess first = WorkerProcess.start(env, temp.resolve("first.log"), "run")) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(first.alive()).as(first.logText()).isTrue();
                return TestTopics.readCommitted(client, topics.articles(), 0, Duration.ofMillis(200))
                                .size()
                        >= 100;
            });
            broker.close();
            // The worker's transaction is now stuck: its commit (or send) waits for brokers that are gone.
            Thread.sleep(3000);
            first.terminate();
            int exit = first.waitFor(60);
            String log = first.logText();
            assertThat(exit).as(log).isZero();
            assertThat(log)
                    .contains("the Kafka brokers have not answered for 5 s while the worker threads stop")
                    .contains("ingest-0 stopped without waiting any longer for the brokers")
                    .contains("wire-ingest stopped (exit 0)");
        }

        broker = EmbeddedBroker.start(dir, port);
        try (WorkerProcess second = WorkerProcess.start(env, temp.resolve("second.log"), "run")) {
            Map<String, Object> restarted = Map.of("bootstrap.servers", broker.bootstrapServers());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(second.alive()).as(second.logText()).isTrue();
                return TestTopics.readCommitted(restarted, topics.articles(), 0, Duration.ofMillis(500))
                                .size()
                        >= total;
            });
            second.terminate();
            assertThat(second.waitFor(60)).as(second.logText()).isZero();
            ExactlyOnce.assertExactlyOnce(
                    TestTopics.readCommitted(restarted, topics.articles(), total, WAIT),
                    ExactlyOnce.expectedHashes("a", 0, total));
        } finally {
            broker.close();
        }
    }
}
