package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.EmbeddedBroker;
import io.wireingest.worker.kafka.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path: no KAFKA_BOOTSTRAP_SERVERS, so the service starts its own broker under the data directory,
 * creates the topics and publishes the bundled samples once; a restart finds the same data and does not publish
 * them again.
 */
class EmbeddedRunIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void firstStartPublishesTheSamplesOnceAndARestartKeepsTheData() throws Exception {
        WorkerConfig config = WorkerConfig.load(
                Map.of(
                        "INGEST_DATA_DIR", data.toString(),
                        "INGEST_EMBEDDED_PORT", "0",
                        "INGEST_HTTP_PORT", "0",
                        "INGEST_THREADS", "1"),
                new Properties());
        int samples = Samples.load().size();
        assertThat(samples).isEqualTo(5);

        try (WorkerService first = new WorkerService(config).start()) {
            assertThat(Files.readString(data.resolve("kafka/bootstrap.servers")).trim())
                    .isEqualTo(first.bootstrapServers());
            String base = "http://127.0.0.1:" + first.http().orElseThrow().port();
            await().atMost(WAIT).until(() -> countArticles(base) == samples);
            assertThat(get(base + "/articles?limit=10"))
                    .contains("Flood relief centres in Kelantan drop to 12 as waters recede")
                    .contains("urn:wireingest:yonhap-en:yonhap-en-AEN20260312001200320");
            secondStartOnTheSameDirectoryFailsAndChangesNothing(config, first);
            assertThat(first.stop()).isZero();
        }
        assertThat(data.resolve("kafka/samples-published")).exists();
        assertThat(data.resolve("kafka/bootstrap.servers")).doesNotExist();

        try (WorkerService second = new WorkerService(config).start()) {
            String base = "http://127.0.0.1:" + second.http().orElseThrow().port();
            await().atMost(WAIT).until(() -> get(base + "/health/ready").contains("\"ready\""));
            assertThat(countArticles(base)).isEqualTo(samples);
            assertThat(second.metrics().consumedCount()).isZero();
            assertThat(second.stop()).isZero();
        }
    }

    /**
     * A second broker on the data directory of a running one (QA D1: it rewrote server.properties and corrupted the
     * first one's metadata log) fails at once with a clear error, through the service as through the broker itself,
     * also when it asks for the first one's HTTP port, and leaves the directory and the first broker as they were.
     */
    private void secondStartOnTheSameDirectoryFailsAndChangesNothing(WorkerConfig config, WorkerService first)
            throws Exception {
        Path kafka = data.resolve("kafka");
        List<Path> files = List.of(
                kafka.resolve("server.properties"),
                kafka.resolve("bootstrap.servers"),
                kafka.resolve("logs/meta.properties"),
                kafka.resolve("wire-ingest.lock"));
        Map<Path, byte[]> before = new HashMap<>();
        for (Path f : files) {
            before.put(f, Files.readAllBytes(f));
        }
        String expected = "the embedded broker's data directory " + kafka.toAbsolutePath()
                + " is in use by another embedded broker in this process (pid "
                + ProcessHandle.current().pid()
                + "); stop it or set INGEST_DATA_DIR to another directory";

        assertThatThrownBy(() -> EmbeddedBroker.start(kafka, 0, config.kafkaMessageBytes()))
                .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                .hasMessage(expected);
        // Through the service, as `run` starts it (it reports the message alone, exit 1).
        WorkerConfig other = WorkerConfig.load(
                Map.of(
                        "INGEST_DATA_DIR", data.toString(),
                        "INGEST_EMBEDDED_PORT", "0",
                        "INGEST_HTTP_PORT", "-1",
                        "INGEST_THREADS", "1"),
                new Properties());
        WorkerService second = new WorkerService(other);
        assertThatThrownBy(second::start)
                .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                .hasMessage(expected);
        // On the same HTTP port too (two `run`s with one configuration): the directory is named, not the port, which
        // the first one keeps serving.
        int firstPort = first.http().orElseThrow().port();
        WorkerConfig samePort = WorkerConfig.load(
                Map.of(
                        "INGEST_DATA_DIR",
                        data.toString(),
                        "INGEST_EMBEDDED_PORT",
                        "0",
                        "INGEST_HTTP_PORT",
                        Integer.toString(firstPort),
                        "INGEST_THREADS",
                        "1"),
                new Properties());
        WorkerService third = new WorkerService(samePort);
        assertThatThrownBy(third::start)
                .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                .hasMessage(expected);
        assertThat(third.http()).isEmpty();
        await().atMost(WAIT)
                .until(() ->
                        get("http://127.0.0.1:" + firstPort + "/health/ready").contains("\"ready\""));

        for (Path f : files) {
            assertThat(Files.readAllBytes(f)).as(f.toString()).isEqualTo(before.get(f));
        }
        assertThat(new String(before.get(kafka.resolve("wire-ingest.lock")), StandardCharsets.UTF_8))
                .startsWith("pid=" + ProcessHandle.current().pid() + "\nstarted=");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(1);
        }
    }

    private int countArticles(String base) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get(base + "/articles?limit=100"))
                .size();
    }

    private String get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
