package io.wireingest.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wireingest.worker.WorkerService;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
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
