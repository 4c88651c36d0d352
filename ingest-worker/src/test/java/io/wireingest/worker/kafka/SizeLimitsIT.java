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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
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
 * that still carries the original bytes, no transaction fails, and replay-rejected sends them back whole. A plain-text
 * item of real sentences at the limit becomes an article (its text is in it twice, as HTML and as text), not a
 * {@code publish/too-large} dead letter.
 */
@ExtendWith(SharedKafka.class)
class SizeLimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void anItemAtTheItemLimitIsPublishedAndDeadLetteredWithItsBody() throws Exception {
        String name = "sizes-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, String> env = TestTopics.ownTopicsEnv(name);
        env.put("INGEST_TRANSFORM_THREADS", "0");
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

        byte[] text = sentences(limit);
        assertThat(text).hasSize(limit);

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
            HttpResponse<String> answer = postItem(base, "application/x-unknown", "posted-limit", posted);
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

            HttpResponse<String> textAnswer = postItem(base, "text/plain; charset=utf-8", "text-limit", text);
            assertThat(textAnswer.statusCode()).as(textAnswer.body()).isEqualTo(202);

            String textUri = "urn:wireingest:big-feed:text-limit";
            List<ConsumerRecord<byte[], byte[]>> articles = TestTopics.readCommitted(config.articlesTopic(), 1, WAIT);
            dead = TestTopics.readCommitted(config.rejectedTopic(), 3 - articles.size(), Duration.ofSeconds(5));
            assertThat(service.stop()).isZero();

            assertThat(dead)
                    .as("dead letters")
                    .noneSatisfy(d ->
                            assertThat(TestTopics.header(d, "ingest.item.id")).isEqualTo("text-limit"));
            List<ConsumerRecord<byte[], byte[]>> textArticles = articles.stream()
                    .filter(a -> new String(a.key(), StandardCharsets.UTF_8).equals(textUri))
                    .toList();
            assertThat(textArticles).hasSize(1);
            String article = new String(textArticles.get(0).value(), StandardCharsets.UTF_8);
            // The text twice (HTML and plain), about 2.1 × the item: over the old 1.4 × record limit, within the new.
            assertThat(textArticles.get(0).value().length)
                    .isGreaterThan(2 * limit)
                    .isLessThanOrEqualTo(config.maxRecordBytes());
            assertThat(article)
                    .contains("\"contentType\":\"text/html\"")
                    .contains("\"contentType\":\"text/plain\"")
                    .contains("The central bank held its benchmark rate");
            assertThat(dead.size() + articles.size()).isEqualTo(3);
            assertThat(dead).isNotEmpty().allSatisfy(d -> {
                String id = TestTopics.header(d, "ingest.item.id");
                assertThat(originals).containsKey(id);
                assertThat(TestTopics.header(d, "ingest.body.dropped")).isNull();
                assertThat(d.value()).as(id).isEqualTo(originals.get(id));
            });
            assertThat(service.worker().fatal()).isEmpty();
            // Every cause is exported from the start, at 0: none was counted.
            assertThat(service.metrics()
                            .registry()
                            .find(WorkerMetrics.TRANSACTIONS_ABORTED)
                            .counters())
                    .isNotEmpty()
                    .allSatisfy(c ->
                            assertThat(c.count()).as(c.getId().getTag("cause")).isZero());
        }

        // The dead letters go back to the raw topic whole.
        Path file = TestTopics.writeConfigFile(
                temp.resolve("worker.properties"), config.rawTopic(), config.articlesTopic(), config.rejectedTopic());
        int replayed = Main.commandLine().execute("replay-rejected", "--config", file.toString());
        assertThat(replayed).isZero();
        List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readCommitted(config.rawTopic(), 3 + dead.size(), WAIT);
        List<ConsumerRecord<byte[], byte[]>> again = raw.subList(3, raw.size());
        assertThat(again).hasSize(dead.size()).allSatisfy(r -> {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(originals).containsKey(id);
            assertThat(r.value()).as(id).isEqualTo(originals.get(id));
        });
    }

    /**
     * Plain text of exactly {@code size} UTF-8 bytes made of news-like sentences (quotes, apostrophes, an ampersand,
     * accented letters, figures) in paragraphs: what a wire item of that size looks like.
     */
    static byte[] sentences(int size) {
        String[] sentences = {
            "The central bank held its benchmark rate at 4.25% on Tuesday, citing \"persistent but easing\" inflation.",
            "Officials in Zürich said the decision was unanimous and that further cuts depend on wage data.",
            "Shares of AT&T rose 2.3% in early trading after the company's quarterly results beat forecasts.",
            "\"We're not there yet,\" the minister told reporters outside parliament, declining to give a date.",
            "Rescue teams reached the village of São Miguel late on Monday, about 40 km from the regional capital.",
            "The agency's report, published on March 12, found that 1,284 households had lost power.",
            "Analysts expect the merger to close in the second half of the year, pending regulatory approval.",
            "Residents described the storm as the worst in decades; schools and the airport stayed closed.",
        };
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; ; i++) {
            String next = sentences[i % sentences.length] + (i % 5 == 4 ? "\n\n" : " ");
            int n = next.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > size) {
                break;
            }
            out.append(next);
            bytes += n;
        }
        while (bytes < size) {
            out.append(bytes % 7 == 6 ? ' ' : 'a');
            bytes++;
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** POSTs a bare item of feed {@code big-feed} to the worker's HTTP API. */
    private static HttpResponse<String> postItem(String base, String contentType, String itemId, byte[] body)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/items"))
                                .header("Content-Type", contentType)
                                .header("X-Feed", "big-feed")
                                .header("X-Item-Id", itemId)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
