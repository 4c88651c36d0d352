package io.wireingest.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.worker.WorkerService;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP API of a running service on the test broker: ingest over HTTP, read back, probes and metrics. */
@ExtendWith(SharedKafka.class)
class HttpApiIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anItemPostedOverHttpComesBackAsAnArticleAndShowsInTheMetrics() throws Exception {
        TestTopics topics = TestTopics.create("http", 3);
        Map<String, String> env = Map.of("INGEST_HTTP_PORT", "0", "INGEST_HTTP_HOST", "0.0.0.0");
        try (WorkerService service = new WorkerService(topics.config("http", env)).start()) {
            String base = "http://127.0.0.1:" + service.http().orElseThrow().port();
            assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> get(base + "/health/ready").statusCode() == 200);

            String body = "Jakarta (ANTARA) - Pemerintah kota menambah 40 bus listrik untuk rute pinggiran mulai "
                    + "pekan depan, kata kepala dinas perhubungan pada Rabu.\n\nPewarta: Rina Wulandari\n";
            HttpResponse<String> posted = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/items"))
                            .header("Content-Type", "text/plain; charset=utf-8")
                            .header("X-Feed", "antara-id")
                            .header("X-Item-Id", "http-bus-1")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);
            assertThat(posted.body()).contains("\"id\":\"http-bus-1\"");

            await().atMost(WAIT)
                    .until(() -> get(base + "/articles?limit=5").body().contains("http-bus-1"));
            String articles = get(base + "/articles?limit=5").body();
            assertThat(articles).startsWith("[{").contains("\"uri\":\"urn:wireingest:antara-id:http-bus-1\"");

            String metrics = get(base + "/metrics").body();
            assertThat(metrics)
                    .contains("ingest_items_consumed_total 1.0")
                    .contains("ingest_articles_published_total 1.0")
                    .contains("ingest_http_items_accepted_total 1.0")
                    .contains("ingest_stage_duration_seconds_count{stage=\"clean\"} 1")
                    .contains("ingest_end_to_end_latency_seconds_count 1")
                    .contains("ingest_consumer_lag")
                    .contains("executor_pool_size_threads{name=\"ingest.transform\"")
                    .contains("executor_queued_tasks{name=\"ingest.transform\"")
                    .contains("kafka_consumer_fetch_manager_records_consumed_total")
                    .contains("jvm_memory_used_bytes");

            Optional<InetAddress> external = externalAddress();
            Assumptions.assumeTrue(external.isPresent(), "no non-loopback address to test the loopback rule from");
            String outside = "http://" + external.get().getHostAddress() + ":"
                    + service.http().orElseThrow().port();
            assertThat(get(outside + "/articles").statusCode()).isEqualTo(403);
            assertThat(get(outside + "/health/live").statusCode()).isEqualTo(200);
            assertThat(service.stop()).isZero();
        }
    }

    /**
     * An envelope holding an item of exactly the default item limit as {@code bodyBase64} (a third bigger than the
     * item) is taken over HTTP and fits the raw topic the worker creates; one byte more in the item is a 413 naming
     * the item's size, not the request's.
     */
    @Test
    void anEnvelopeAtTheItemLimitPostedAsBase64ReachesTheRawTopic() throws Exception {
        String name = "http-env-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Map<String, String> env = TestTopics.ownTopicsEnv(name);
        WorkerConfig config = WorkerConfig.load(env, new Properties());
        int limit = Math.toIntExact(config.maxItemBytes());
        try (WorkerService service = new WorkerService(config).start()) {
            String base = "http://127.0.0.1:" + service.http().orElseThrow().port();
            HttpResponse<String> atLimit = postEnvelope(base, "env-at-limit", limit);
            assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(202);
            HttpResponse<String> over = postEnvelope(base, "env-over-limit", limit + 1);
            assertThat(over.statusCode()).isEqualTo(413);
            assertThat(over.body()).contains("item is " + (limit + 1) + " bytes");
            List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readUncommitted(config.rawTopic(), 1, WAIT);
            assertThat(raw).hasSize(1);
            assertThat(new String(raw.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("env-at-limit");
            assertThat(service.stop()).isZero();
        }
    }

    private HttpResponse<String> postEnvelope(String base, String id, int itemBytes) throws Exception {
        byte[] item = new byte[itemBytes];
        Arrays.fill(item, (byte) 0x01);
        String envelope = "{\"id\":\"" + id + "\",\"feed\":\"big-feed\",\"contentType\":\"application/x-unknown\","
                + "\"receivedAt\":\"2026-03-12T01:02:03Z\",\"bodyBase64\":\""
                + Base64.getEncoder().encodeToString(item) + "\"}";
        // Form-typed, as curl --data-binary sends it unless told otherwise.
        return client.send(
                HttpRequest.newBuilder(URI.create(base + "/items"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(envelope))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A producer whose broker is unreachable (a closed port: {@code send()} blocks for metadata as with a dead
     * broker): the probes and metrics still answer at once, POSTs beyond the items pool get 503 busy at once, and
     * the stuck POSTs end with 503 once the send timeout (bounding {@code max.block.ms}) has passed, not after
     * Kafka's default 60 s.
     */
    @Test
    void probesAnswerAndPostsEndWith503WhileTheBrokerIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Duration sendTimeout = Duration.ofSeconds(3);
        Map<String, Object> props = Map.of(
                "bootstrap.servers", "127.0.0.1:" + closedPort,
                "key.serializer", ByteArraySerializer.class,
                "value.serializer", ByteArraySerializer.class);
        int concurrency = 2;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        io.wireingest.worker.kafka.KafkaClients.maxBlockAtMost(props, sendTimeout));
                HttpApi api = new HttpApi(
                        HttpApi.Settings.of("127.0.0.1", 0, Optional.empty(), 1024, 50, "wire.raw")
                                .withSendTimeout(sendTimeout)
                                .withItemsConcurrency(concurrency),
                        new WorkerMetrics(new SimpleMeterRegistry()),
                        () -> false,
                        producer,
                        (limit, timeout) -> List.of())) {
            api.start();
            String base = "http://127.0.0.1:" + api.port();
            List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                stuck.add(client.sendAsync(item(base, "stuck-" + i), HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> api.itemsInProgress() == concurrency);

            HttpResponse<String> busy = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/items"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "text/plain")
                            .header("X-Feed", "f")
                            .POST(HttpRequest.BodyPublishers.ofString("one too many"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.body()).contains("busy");
            for (int round = 0; round < 3; round++) {
                assertThat(quickGet(base + "/health/live").statusCode()).isEqualTo(200);
                assertThat(quickGet(base + "/health/ready").statusCode()).isEqualTo(503);
                assertThat(quickGet(base + "/metrics").statusCode()).isEqualTo(200);
            }

            for (CompletableFuture<HttpResponse<String>> post : stuck) {
                // Generous: the default max.block.ms alone would be 60 s.
                HttpResponse<String> answer = post.get(40, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).contains("the broker did not");
            }
        }
    }

    private HttpRequest item(String base, String id) {
        return HttpRequest.newBuilder(URI.create(base + "/items"))
                .header("Content-Type", "text/plain")
                .header("X-Feed", "f")
                .header("X-Item-Id", id)
                .POST(HttpRequest.BodyPublishers.ofString("text of " + id))
                .build();
    }

    /** A GET that must answer within 5 s (a hang fails the test instead of stalling it). */
    private HttpResponse<String> quickGet(String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<InetAddress> externalAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
