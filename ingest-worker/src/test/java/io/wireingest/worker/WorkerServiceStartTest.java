package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.testing.ClosingListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up against brokers that never answer: a clear error naming the address, or a prompt stop when asked; the
 * probes and metrics answer meanwhile.
 */
class WorkerServiceStartTest {
    @TempDir
    Path dir;

    private static WorkerConfig unreachable(String brokerWaitMs) throws WorkerConfig.InvalidConfigException {
        return WorkerConfig.load(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "127.0.0.1:1",
                        "INGEST_HTTP_PORT",
                        "0",
                        "INGEST_BROKER_WAIT_MS",
                        brokerWaitMs),
                new Properties());
    }

    @Test
    void unreachableBrokersAreNamedWithTheirConfigKey() throws Exception {
        WorkerService service = new WorkerService(unreachable("2000"));
        assertThatThrownBy(service::start)
                .isInstanceOf(WorkerService.BrokersUnreachableException.class)
                .hasMessage("cannot reach the Kafka brokers at 127.0.0.1:1 (KAFKA_BOOTSTRAP_SERVERS) within 2 s"
                        + " (INGEST_BROKER_WAIT_MS)");
    }

    @Test
    void serversSetInTheConfigFileAreNamedWithTheFilesKey() throws Exception {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "kafka.bootstrap.servers=127.0.0.1:1\ningest.broker.wait.ms=1000\n");
        WorkerService service = new WorkerService(WorkerConfig.load(Map.of("INGEST_HTTP_PORT", "-1"), file));
        assertThatThrownBy(service::start)
                .isInstanceOf(WorkerService.BrokersUnreachableException.class)
                .hasMessage("cannot reach the Kafka brokers at 127.0.0.1:1 (kafka.bootstrap.servers in " + file
                        + ") within 1 s (ingest.broker.wait.ms in " + file + ")");
    }

    @Test
    void brokersThatCloseTheTlsHandshakeGetAHintAboutTheSecuritySettings() throws Exception {
        // A listener that accepts each connection and closes it at once, as a plaintext broker does to a TLS hello.
        try (ClosingListener server = new ClosingListener()) {
            String servers = server.servers();
            Path file = dir.resolve("ssl.properties");
            Files.writeString(file, "kafka.bootstrap.servers=" + servers + "\nkafka.security.protocol=SSL\n");
            WorkerService tls = new WorkerService(
                    WorkerConfig.load(Map.of("INGEST_HTTP_PORT", "-1", "INGEST_BROKER_WAIT_MS", "3000"), file));
            assertThatThrownBy(tls::start)
                    .isInstanceOf(WorkerService.BrokersUnreachableException.class)
                    .hasMessage("cannot reach the Kafka brokers at " + servers + " (kafka.bootstrap.servers in " + file
                            + ") within 3 s (INGEST_BROKER_WAIT_MS); connections were made but closed during the"
                            + " TLS/SASL handshake: check kafka.security.protocol and the ssl./sasl. settings"
                            + " (KAFKA_CLIENT_*)");

            // A plaintext client has no handshake to fail: no hint.
            WorkerService plain = new WorkerService(WorkerConfig.load(
                    Map.of(
                            "INGEST_HTTP_PORT",
                            "-1",
                            "INGEST_BROKER_WAIT_MS",
                            "3000",
                            "KAFKA_BOOTSTRAP_SERVERS",
                            servers),
                    new Properties()));
            assertThatThrownBy(plain::start)
                    .isInstanceOf(WorkerService.BrokersUnreachableException.class)
                    .hasMessage("cannot reach the Kafka brokers at " + servers + " (KAFKA_BOOTSTRAP_SERVERS) within 3 s"
                            + " (INGEST_BROKER_WAIT_MS)");
        }
    }

    @Test
    void aStopRequestedWhileWaitingForTheBrokersCancelsTheStart() throws Exception {
        WorkerService service = new WorkerService(unreachable("600000"));
        CompletableFuture<Throwable> failure = startInBackground(service);
        Thread.sleep(500);
        service.requestStop();
        // Generous bound: the point is that it does not wait out the ten-minute broker wait.
        assertThat(failure.get(60, TimeUnit.SECONDS)).isInstanceOf(WorkerService.StartCancelledException.class);
    }

    @Test
    void probesAndMetricsAnswerWhileTheBrokersAreAwaited() throws Exception {
        WorkerService service = new WorkerService(unreachable("600000"));
        CompletableFuture<Throwable> failure = startInBackground(service);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (service.http().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String base = "http://127.0.0.1:" + service.http().orElseThrow().port();
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, base + "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(client, base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"starting\"");
            assertThat(get(client, base + "/metrics").statusCode()).isEqualTo(200);
            HttpResponse<String> post = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/items"))
                            .header("Content-Type", "text/plain")
                            .header("X-Feed", "test")
                            .POST(HttpRequest.BodyPublishers.ofString("WASHINGTON (AP) — Text."))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(503);
            assertThat(post.headers().firstValue("Retry-After")).isPresent();
            assertThat(post.body()).contains("starting");
            assertThat(get(client, base + "/articles").statusCode()).isEqualTo(503);
            assertThat(failure).isNotDone();
        } finally {
            service.requestStop();
            assertThat(failure.get(60, TimeUnit.SECONDS)).isInstanceOf(WorkerService.StartCancelledException.class);
        }
        // A failed start closes what it started, the HTTP server included.
        assertThat(service.http()).isEmpty();
    }

    @Test
    void withAManagementPortTheProbesAndMetricsAnswerThereToo() throws Exception {
        WorkerService service = new WorkerService(unreachable("600000").with(Map.of("INGEST_MANAGEMENT_PORT", "0")));
        CompletableFuture<Throwable> failure = startInBackground(service);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (service.http().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int management = service.http().orElseThrow().managementPort().orElseThrow();
            assertThat(management).isNotEqualTo(service.http().orElseThrow().port());
            String base = "http://127.0.0.1:" + management;
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, base + "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(client, base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"starting\"");
            assertThat(get(client, base + "/metrics").statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/articles").statusCode()).isEqualTo(404);
            // The main port keeps them.
            String main = "http://127.0.0.1:" + service.http().orElseThrow().port();
            assertThat(get(client, main + "/health/live").statusCode()).isEqualTo(200);
        } finally {
            service.requestStop();
            assertThat(failure.get(60, TimeUnit.SECONDS)).isInstanceOf(WorkerService.StartCancelledException.class);
        }
    }

    @Test
    void aManagementPortInUseIsNamedWithItsConfigKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            WorkerService service = new WorkerService(unreachable("2000")
                    .with(Map.of(
                            "INGEST_HTTP_HOST",
                            "127.0.0.1",
                            "INGEST_MANAGEMENT_PORT",
                            Integer.toString(taken.getLocalPort()))));
            assertThatThrownBy(service::start)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the management HTTP server cannot listen on 127.0.0.1:"
                            + taken.getLocalPort() + " (INGEST_HTTP_HOST, INGEST_MANAGEMENT_PORT): ");
            assertThat(service.http()).isEmpty();
        }
    }

    /** Starts the service on another thread; completes with what the start threw, or null. */
    private static CompletableFuture<Throwable> startInBackground(WorkerService service) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                service.start();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
