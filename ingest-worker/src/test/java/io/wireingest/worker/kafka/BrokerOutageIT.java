package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

    @Test
    void aWorkerRidesOutABrokerOutageUnderAnOpenTransactionAndPublishesEveryItemOnce() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(dir, 0);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        String raw = "outage.raw";
        String articles = "outage.articles";
        String rejected = "outage.rejected";
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(
                            new NewTopic(raw, 1, (short) 1),
                            new NewTopic(articles, 1, (short) 1),
                            new NewTopic(rejected, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            TestTopics.awaitLeaders(admin, List.of(raw, articles, rejected));
        }

        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("INGEST_RAW_TOPIC", raw);
        env.put("INGEST_ARTICLES_TOPIC", articles);
        env.put("INGEST_REJECTED_TOPIC", rejected);
        env.put("INGEST_GROUP_ID", "outage");
        env.put("INGEST_INSTANCE_ID", "outage");
        env.put("INGEST_THREADS", "1");
        env.put("INGEST_TRANSFORM_THREADS", "0");
        env.put("INGEST_CREATE_TOPICS", "false");
        env.put("INGEST_HTTP_PORT", "-1");
        env.put("INGEST_POLL_TIMEOUT_MS", "200");
        env.put("INGEST_RETRY_BACKOFF_MS", "200");
        env.put("INGEST_RETRY_BACKOFF_MAX_MS", "1000");
        // Every blocking producer call gives up after 3 s: the 12 s outage below outlasts several of them.
        env.put("KAFKA_CLIENT_MAX_BLOCK_MS", "3000");
        WorkerConfig config = WorkerConfig.load(env, new Properties());

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

        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(records(raw, "before", 0, 5));
        batch.add(bare(raw, "gate", ExactlyOnce.story(99)));
        batch.addAll(records(raw, "before", 5, 10));
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

            TestTopics.produce(client, records(raw, "after", 0, 5));
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

    private static List<ProducerRecord<byte[], byte[]>> records(String raw, String prefix, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(bare(raw, prefix + "-" + n, ExactlyOnce.story(prefix.length() * 100 + n)));
        }
        return out;
    }

    private static ProducerRecord<byte[], byte[]> bare(String raw, String id, String body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "text/plain; charset=utf-8".getBytes(StandardCharsets.UTF_8));
        headers.add("feed", "antara-id".getBytes(StandardCharsets.UTF_8));
        headers.add("item-id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", "2026-03-12T01:02:03Z".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                raw, 0, id.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
