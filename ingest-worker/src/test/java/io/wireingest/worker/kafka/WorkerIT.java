package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.wireingest.core.testing.ArticleSchemas;
import io.wireingest.worker.WorkerService;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The worker against a real (in-JVM KRaft) broker: happy path, poison records, two workers through rebalances. */
@ExtendWith(SharedKafka.class)
class WorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void normalizesBareAndEnvelopeRecordsIntoArticlesKeyedByUri() throws Exception {
        TestTopics topics = TestTopics.create("happy", 3);
        String html = new String(
                Samples.class
                        .getResourceAsStream("/samples/bernama-en-flood-relief.html")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String envelope = "{\"id\":\"env-1\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"" + "Seoul stocks open higher\\n\\n"
                + "SEOUL, March 12 (Yonhap) -- South Korean stocks opened higher on Thursday as chipmakers gained."
                + "\\n\\n(END)\\n\"}";
        RecordHeaders none = new RecordHeaders();
        TestTopics.produce(List.of(
                topics.bare(0, "bernama-1", "bernama-en", "text/html; charset=utf-8", html),
                topics.bare(0, "antara-1", "antara-id", "text/plain; charset=utf-8", ExactlyOnce.story(1)),
                new ProducerRecord<>(
                        topics.raw(),
                        0,
                        "env-1".getBytes(StandardCharsets.UTF_8),
                        envelope.getBytes(StandardCharsets.UTF_8),
                        none)));

        try (WorkerService service = new WorkerService(topics.config("happy", Map.of())).start()) {
            List<ConsumerRecord<byte[], byte[]>> articles = TestTopics.readCommitted(topics.articles(), 3, WAIT);
            // The service's group-lag check sees the group's committed offsets reach the end of the raw topic.
            GroupLag groupLag = service.groupLag().orElseThrow();
            await().atMost(WAIT).until(() -> groupLag.check().lag() == 0);
            assertThat(service.stop()).isZero();

            assertThat(articles).hasSize(3);
            Map<String, JsonNode> byId = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : articles) {
                JsonNode json = ExactlyOnce.json(r);
                ArticleSchemas.assertValidArticleJson(new String(r.value(), StandardCharsets.UTF_8));
                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(json.path("uri").asText());
                byId.put(json.path("wire").path("source").path("itemId").asText(), json);
            }
            assertThat(byId).containsOnlyKeys("bernama-1", "antara-1", "env-1");
            JsonNode bernama = byId.get("bernama-1");
            assertThat(bernama.path("headlines").get(0).path("value").asText())
                    .isEqualTo("Flood relief centres in Kelantan drop to 12 as waters recede");
            assertThat(bernama.path("wire").path("source").path("feed").asText())
                    .isEqualTo("bernama-en");
            // Produced in this order to partition 0: offsets 0, 1, 2.
            assertThat(bernama.path("wire").path("source").path("topic").asText())
                    .isEqualTo(topics.raw());
            assertThat(bernama.path("wire").path("source").path("partition").asInt())
                    .isZero();
            assertThat(bernama.path("wire").path("source").path("offset").asLong())
                    .isZero();
            assertThat(byId.get("antara-1")
                            .path("wire")
                            .path("source")
                            .path("offset")
                            .asLong())
                    .isEqualTo(1);
            assertThat(byId.get("env-1")
                            .path("wire")
                            .path("source")
                            .path("offset")
                            .asLong())
                    .isEqualTo(2);
            assertThat(byId.get("env-1")
                            .path("wire")
                            .path("source")
                            .path("feed")
                            .asText())
                    .isEqualTo("yonhap-en");
            assertThat(TestTopics.readCommitted(topics.rejected(), 0, Duration.ofSeconds(2)))
                    .isEmpty();
        }
    }

    @Test
    void poisonRecordsBecomeDeadLettersWhileLaterRecordsFlow() throws Exception {
        TestTopics topics = TestTopics.create("poison", 1);
        String notAnEnvelope = "{\"id\":\"bad-1\",\"feed\":\"yonhap-en\",\"body\":\"no type, no time\"}";
        String big = "x".repeat(5000);
        RecordHeaders keyOnly = new RecordHeaders();
        TestTopics.produce(List.of(
                topics.bare(0, "good-1", "antara-id", "text/plain; charset=utf-8", ExactlyOnce.story(1)),
                new ProducerRecord<>(
                        topics.raw(),
                        0,
                        "bad-1".getBytes(StandardCharsets.UTF_8),
                        notAnEnvelope.getBytes(StandardCharsets.UTF_8),
                        keyOnly),
                topics.bare(0, "big-1", "test-feed", "text/plain; charset=utf-8", big),
                topics.bare(0, "good-2", "antara-id", "text/plain; charset=utf-8", ExactlyOnce.story(2))));

        Map<String, String> env = Map.of("INGEST_MAX_ITEM_BYTES", "4096", "INGEST_THREADS", "1");
        try (WorkerService service = new WorkerService(topics.config("poison", env)).start()) {
            List<ConsumerRecord<byte[], byte[]>> articles = TestTopics.readCommitted(topics.articles(), 2, WAIT);
            List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readCommitted(topics.rejected(), 2, WAIT);
            assertThat(service.stop()).isZero();

            assertThat(ExactlyOnce.counts(articles)).isEqualTo(Map.of("good-1", 1, "good-2", 1));
            assertThat(dead).hasSize(2);

            ConsumerRecord<byte[], byte[]> envelope = dead.get(0);
            assertThat(new String(envelope.key(), StandardCharsets.UTF_8)).isEqualTo("bad-1");
            assertThat(new String(envelope.value(), StandardCharsets.UTF_8)).isEqualTo(notAnEnvelope);
            assertThat(TestTopics.header(envelope, "ingest.error.stage")).isEqualTo("envelope");
            assertThat(TestTopics.header(envelope, "ingest.error.reason")).isEqualTo("invalid-envelope");
            assertThat(TestTopics.header(envelope, "ingest.error.class"))
                    .isEqualTo(ReadRawItem.UnreadableRecordException.class.getName());
            assertThat(TestTopics.header(envelope, "ingest.error.message")).contains("'contentType' is required");
            assertThat(TestTopics.header(envelope, "ingest.source.topic")).isEqualTo(topics.raw());
            assertThat(TestTopics.header(envelope, "ingest.source.partition")).isEqualTo("0");
            assertThat(TestTopics.header(envelope, "ingest.source.offset")).isEqualTo("1");
            assertThat(TestTopics.header(envelope, "ingest.item.id")).isEqualTo("bad-1");
            // the feed only the refused envelope named (the record has no feed header)
            assertThat(TestTopics.header(envelope, "ingest.feed")).isEqualTo("yonhap-en");

            ConsumerRecord<byte[], byte[]> tooLarge = dead.get(1);
            assertThat(new String(tooLarge.key(), StandardCharsets.UTF_8)).isEqualTo("big-1");
            assertThat(new String(tooLarge.value(), StandardCharsets.UTF_8)).isEqualTo(big);
            assertThat(TestTopics.headerNames(tooLarge))
                    .containsExactlyInAnyOrder(
                            "content-type",
                            "feed",
                            "item-id",
                            "received-at",
                            "ingest.error.stage",
                            "ingest.error.reason",
                            "ingest.error.class",
                            "ingest.error.message",
                            "ingest.source.topic",
                            "ingest.source.partition",
                            "ingest.source.offset",
                            "ingest.feed",
                            "ingest.item.id");
            assertThat(TestTopics.header(tooLarge, "ingest.error.stage")).isEqualTo("limits");
            assertThat(TestTopics.header(tooLarge, "ingest.error.reason")).isEqualTo("too-large");
            assertThat(TestTopics.header(tooLarge, "ingest.error.class")).isEqualTo(DeadLetters.REJECTED_CLASS);
            assertThat(TestTopics.header(tooLarge, "ingest.error.message"))
                    .contains("5000")
                    .contains("4096");
            assertThat(TestTopics.header(tooLarge, "ingest.source.offset")).isEqualTo("2");
            assertThat(TestTopics.header(tooLarge, "ingest.feed")).isEqualTo("test-feed");
            assertThat(TestTopics.header(tooLarge, "ingest.item.id")).isEqualTo("big-1");

            assertThat(service.metrics()
                            .registry()
                            .find("ingest.items.rejected")
                            .tags("stage", "limits", "reason", "too-large")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            // Latency of published items only (2); the time in Kafka and the worker of every committed record (4).
            assertThat(service.metrics()
                            .registry()
                            .find(WorkerMetrics.END_TO_END_LATENCY)
                            .timer()
                            .count())
                    .isEqualTo(2);
            assertThat(service.metrics()
                            .registry()
                            .find(WorkerMetrics.PIPELINE_DELAY)
                            .timer()
                            .count())
                    .isEqualTo(4);
        }
    }

    @Test
    void theGroupLagCountsRecordsNoWorkerConsumesAndStalledPartitions() throws Exception {
        TestTopics topics = TestTopics.create("grouplag", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(topics.bare(i < 3 ? 0 : 1, "gl-" + i, "antara-id", "text/plain", ExactlyOnce.story(i)));
        }
        TestTopics.produce(records);
        WorkerMetrics metrics = WorkerMetrics.prometheus();

        try (Admin admin = Admin.create(SharedKafka.clientProps());
                GroupLag lag = new GroupLag(admin, topics.group(), topics.raw(), metrics, Duration.ofSeconds(10))) {
            // Nothing committed: counted from the earliest offset, on both partitions.
            assertThat(lag.check()).isEqualTo(new GroupLag.Snapshot(5, 2, 0));
            assertThat(metrics.registry()
                            .find(WorkerMetrics.GROUP_LAG)
                            .tag("topic", topics.raw())
                            .gauge()
                            .value())
                    .isEqualTo(5.0);
            // No progress between two checks: both partitions are stalled.
            assertThat(lag.check()).isEqualTo(new GroupLag.Snapshot(5, 2, 2));

            // The group commits partition 0 up to its end; partition 1 still waits.
            admin.alterConsumerGroupOffsets(
                            topics.group(), Map.of(new TopicPartition(topics.raw(), 0), new OffsetAndMetadata(3)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(lag.check()).isEqualTo(new GroupLag.Snapshot(2, 2, 1));
            assertThat(metrics.scrape())
                    .contains("ingest_group_lag{topic=\"" + topics.raw() + "\"} 2.0")
                    .contains("ingest_group_stalled_partitions{topic=\"" + topics.raw() + "\"} 1.0");
        }

        // A topic that does not exist: the gauges read NaN and nothing is thrown.
        try (Admin admin = Admin.create(SharedKafka.clientProps());
                GroupLag missing =
                        new GroupLag(admin, topics.group(), "no-such-topic", metrics, Duration.ofSeconds(5))) {
            missing.checkQuietly();
            assertThat(metrics.registry()
                            .find(WorkerMetrics.GROUP_LAG)
                            .tag("topic", "no-such-topic")
                            .gauge()
                            .value())
                    .isNaN();
        }
    }

    @Test
    void twoWorkersShareThePartitionsThroughRebalancesWithoutLossOrDuplicates() throws Exception {
        TestTopics topics = TestTopics.create("rebalance", 3);
        Map<String, String> env = Map.of("INGEST_THREADS", "1", "INGEST_MAX_POLL_RECORDS", "5");
        TestTopics.produce(ExactlyOnce.records(topics, "rb", 0, 90));
        List<WorkerService> services = new ArrayList<>();
        try {
            WorkerService a = new WorkerService(topics.config("worker-a", env)).start();
            services.add(a);
            await().atMost(WAIT).until(() -> a.metrics().consumedCount() >= 10);

            WorkerService b = new WorkerService(topics.config("worker-b", env)).start();
            services.add(b);
            // Once both hold partitions, new items land on both (keys hash over all three partitions).
            await().atMost(WAIT)
                    .until(() -> b.worker().assignedPartitions() > 0
                            && a.worker().assignedPartitions() > 0
                            && a.worker().assignedPartitions() + b.worker().assignedPartitions() == 3);
            TestTopics.produce(ExactlyOnce.records(topics, "rb", 90, 180));
            await().atMost(WAIT).until(() -> b.metrics().consumedCount() > 0);
            // Static members under their transactional ids, so that a crashed worker restarted with the same
            // INGEST_INSTANCE_ID takes its partitions back at once.
            WorkerConfig aConfig = topics.config("worker-a", env);
            String group = aConfig.groupId();
            String prefix = aConfig.transactionalIdPrefix();
            assertThat(staticMembers(group)).containsExactlyInAnyOrder(prefix + "-worker-a-0", prefix + "-worker-b-0");

            // Worker a leaves mid-stream: its partitions move to b. A static member stays in the group until the
            // session timeout (45 s) unless it leaves explicitly; a stopping worker does.
            assertThat(a.stop()).isZero();
            a.close();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> staticMembers(group).equals(List.of(prefix + "-worker-b-0")));
            TestTopics.produce(ExactlyOnce.records(topics, "rb", 180, 240));
            await().atMost(WAIT)
                    .until(() -> a.metrics().consumedCount() + b.metrics().consumedCount() >= 240);
            assertThat(b.stop()).isZero();

            ExactlyOnce.assertExactlyOnce(
                    TestTopics.readCommitted(topics.articles(), 240, WAIT), ExactlyOnce.expectedHashes("rb", 0, 240));
        } finally {
            for (WorkerService s : services) {
                s.stop();
                s.close();
            }
        }
    }

    /** The group's members' static ids, sorted. */
    private static List<String> staticMembers(String group) throws Exception {
        try (Admin admin = Admin.create(SharedKafka.clientProps())) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .map(m -> m.groupInstanceId().orElse("(dynamic)"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aFencedProducerStopsTheWorkerWithExitCodeOne() throws Exception {
        TestTopics topics = TestTopics.create("fenced", 1);
        WorkerConfig config = topics.config("fenced", Map.of("INGEST_THREADS", "1"));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        List<Logger> loggers = List.of(
                (Logger) LoggerFactory.getLogger(Worker.class), (Logger) LoggerFactory.getLogger(WorkerService.class));
        loggers.forEach(l -> l.addAppender(logs));
        try (WorkerService service = new WorkerService(config).start()) {
            TestTopics.produce(List.of(topics.bare(0, "f-1", "antara-id", "text/plain", ExactlyOnce.story(1))));
            TestTopics.readCommitted(topics.articles(), 1, WAIT);

            // Another producer takes over the worker's transactional id: the worker's producer is now a zombie.
            Map<String, Object> props = new java.util.HashMap<>(SharedKafka.clientProps());
            props.put("transactional.id", config.transactionalIdPrefix() + "-fenced-0");
            props.put("key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
            props.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
            try (var usurper = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(props)) {
                usurper.initTransactions();
            }
            TestTopics.produce(List.of(topics.bare(0, "f-2", "antara-id", "text/plain", ExactlyOnce.story(2))));

            await().atMost(WAIT).until(service::terminated);
            assertThat(service.worker().fatal()).isPresent();
            assertThat(service.stop()).isEqualTo(Worker.EXIT_FATAL);
        } finally {
            loggers.forEach(l -> l.detachAppender(logs));
        }
        // The error in full once (with the advice), then the stop referring back to it.
        List<String> errors = logs.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(errors)
                .filteredOn(m -> m.contains("another producer took over"))
                .hasSize(1);
        assertThat(errors.get(0)).startsWith("ingest-0 hit a fatal error; stopping the worker: another producer");
        assertThat(errors).last().isEqualTo("stopped after a fatal error in ingest-0 (logged above)");
        // Nothing the fenced worker did after the takeover was committed.
        assertThat(ExactlyOnce.counts(TestTopics.readCommitted(topics.articles(), 1, Duration.ofSeconds(3))))
                .isEqualTo(Map.of("f-1", 1));
    }

    @Test
    void anErrorInAConsumerThreadStopsTheWorkerWithExitCodeOneAndCommitsNothing() throws Exception {
        TestTopics topics = TestTopics.create("error", 1);
        WorkerConfig config = topics.config("error", Map.of("INGEST_THREADS", "1"));
        Worker worker = new Worker(
                config,
                new KafkaClients(config, config.bootstrapServers().orElseThrow()),
                topics.raw(),
                () -> record -> {
                    throw new OutOfMemoryError("simulated");
                },
                new WorkerMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        worker.start();
        try {
            TestTopics.produce(List.of(topics.bare(0, "e-1", "antara-id", "text/plain", ExactlyOnce.story(1))));
            assertThat(worker.awaitTermination(WAIT)).isTrue();
        } finally {
            worker.stopAndWait(WAIT);
        }
        assertThat(worker.fatal()).containsInstanceOf(OutOfMemoryError.class);
        assertThat(worker.exitCode()).isEqualTo(Worker.EXIT_FATAL);
        assertThat(TestTopics.readCommitted(topics.articles(), 1, Duration.ofSeconds(3)))
                .isEmpty();
    }
}
