package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.Main;
import io.wireingest.worker.WorkerService;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items of exactly the default item limit, end to end on a real broker with the default sizes: POSTed to /items
 * (bare bytes) and produced as a base64 envelope (a third bigger), each comes out as an article or as a dead letter
 * that still carries the original bytes, no transaction fails, and replay-rejected sends them back whole.
 */
@ExtendWith(SharedKafka.class)
class SizeLimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void anItemAtTheItemLimitIsPublishedAndDeadLetteredWithItsBody() throws Exception {
        String name = "sizes-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        env.put("INGEST_RAW_TOPIC", name + ".raw");
        env.put("INGEST_ARTICLES_TOPIC", name + ".articles");
        env.put("INGEST_REJECTED_TOPIC", name + ".rejected");
        env.put("INGEST_GROUP_ID", name);
        env.put("INGEST_INSTANCE_ID", name);
        env.put("INGEST_THREADS", "1");
        env.put("INGEST_TRANSFORM_THREADS", "0");
        env.put("INGEST_PARTITIONS", "1");
        env.put("INGEST_CREATE_TOPICS", "true");
        env.put("INGEST_HTTP_HOST", "127.0.0.1");
        env.put("INGEST_HTTP_PORT", "0");
        env.put("INGEST_POLL_TIMEOUT_MS", "200");
        WorkerConfig config = WorkerConfig.load(env, new Properties());
        int limit = Math.toIntExact(config.maxItemBytes());
        assertThat(limit).isEqualTo(1_048_576);

        byte[] posted = new byte[limit];
        Arrays.fill(posted, (byte) 0x07);
        byte[] inner = new byte[limit];
        Arrays.fill(inner, (byte) 0x01);
        byte[] envelope = ("{\"id\":\"env-limit\",\"feed\":\"big-feed\",\"contentType\":\"application/x-unknown\","
                        + "\"receivedAt\":\"2026-03-12T01:02:03Z\",\"bodyBase64\":\""
                        + Base64.getEncoder().encodeToString(inner) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(envelope.length).isGreaterThan(limit * 4 / 3);

        Map<String, byte[]> originals = Map.of("posted-limit", posted, "env-limit", envelope);
        List<ConsumerRecord<byte[], byte[]>> dead;
        try (WorkerService service = new WorkerService(config).start()) {
            try (Admin admin = Admin.create(SharedKafka.clientProps())) {
                ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, config.rawTopic());
                String maxMessage = admin.describeConfigs(List.of(raw))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(raw)
                        .get("max.message.bytes")
                        .value();
                assertThat(maxMessage).isEqualTo(Integer.toString(config.kafkaMessageBytes()));
            }

            String base = "http://127.0.0.1:" + service.http().orElseThrow().port();
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/items"))
                                    .header("Content-Type", "application/x-unknown")
                                    .header("X-Feed", "big-feed")
                                    .header("X-Item-Id", "posted-limit")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(posted))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

            KafkaClients clients = new KafkaClients(config, service.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("size-test"))) {
                producer.send(new ProducerRecord<>(
                                config.rawTopic(),
                                null,
                                "env-limit".getBytes(StandardCharsets.UTF_8),
                                envelope,
                                new RecordHeaders()))
                        .get(60, TimeUnit.SECONDS);
            }

            dead = TestTopics.readCommitted(config.rejectedTopic(), 2, WAIT);
            List<ConsumerRecord<byte[], byte[]>> articles =
                    TestTopics.readCommitted(config.articlesTopic(), 0, Duration.ofSeconds(2));
            assertThat(service.stop()).isZero();

            assertThat(dead.size() + articles.size()).isEqualTo(2);
            assertThat(dead).isNotEmpty().allSatisfy(d -> {
                String id = TestTopics.header(d, "ingest.item.id");
                assertThat(originals).containsKey(id);
                assertThat(TestTopics.header(d, "ingest.body.dropped")).isNull();
                assertThat(d.value()).as(id).isEqualTo(originals.get(id));
            });
            assertThat(service.worker().fatal()).isEmpty();
            assertThat(service.metrics()
                            .registry()
                            .find(WorkerMetrics.TRANSACTIONS_ABORTED)
                            .counters())
                    .isEmpty();
        }

        // The dead letters go back to the raw topic whole.
        Path file = temp.resolve("worker.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "kafka.bootstrap.servers=" + SharedKafka.bootstrapServers(),
                        "ingest.raw.topic=" + config.rawTopic(),
                        "ingest.articles.topic=" + config.articlesTopic(),
                        "ingest.rejected.topic=" + config.rejectedTopic(),
                        ""));
        int replayed = Main.commandLine().execute("replay-rejected", "--config", file.toString());
        assertThat(replayed).isZero();
        List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readCommitted(config.rawTopic(), 4, WAIT);
        List<ConsumerRecord<byte[], byte[]>> again = raw.subList(2, raw.size());
        assertThat(again).hasSize(dead.size()).allSatisfy(r -> {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(originals).containsKey(id);
            assertThat(r.value()).as(id).isEqualTo(originals.get(id));
        });
    }
}
