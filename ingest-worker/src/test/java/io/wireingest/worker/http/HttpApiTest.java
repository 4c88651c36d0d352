package io.wireingest.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API without a broker: a mock producer behind POST /items, a fixed list behind GET /articles. */
class HttpApiTest {
    private static final String TOKEN = "token-for-tests-0123456789";
    private final HttpClient client = HttpClient.newHttpClient();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private HttpApi api;

    private HttpApi start(Optional<String> token, boolean ready) throws Exception {
        api = new HttpApi(
                new HttpApi.Settings("127.0.0.1", 0, token, 1024, 50, "wire.raw"),
                new WorkerMetrics(new SimpleMeterRegistry()),
                () -> ready,
                producer,
                (limit, timeout) -> List.of("{\"uri\":\"urn:a\"}", "{\"uri\":\"urn:b\"}", "not json")
                        .subList(0, Math.min(limit, 3)));
        api.start();
        return api;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    }

    @Test
    void probesAnswer() throws Exception {
        start(Optional.empty(), false);
        assertThat(send(at("/health/live")).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send(at("/health/ready"));
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("not-ready");
        assertThat(send(at("/nowhere")).statusCode()).isEqualTo(404);
        assertThat(send(at("/health/live").POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void acceptsABareItemWithItsHeaders() throws Exception {
        start(Optional.empty(), true);
        HttpResponse<String> response = send(at("/items")
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Feed", "antara-id")
                .header("X-Item-Id", "ant-9")
                .POST(HttpRequest.BodyPublishers.ofString("Jakarta (ANTARA) - Teks berita.")));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"id\":\"ant-9\"").contains("\"topic\":\"wire.raw\"");
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("ant-9");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("Jakarta (ANTARA) - Teks berita.");
        assertThat(new String(sent.headers().lastHeader("feed").value(), StandardCharsets.UTF_8))
                .isEqualTo("antara-id");
        assertThat(new String(sent.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("text/plain; charset=utf-8");
        assertThat(sent.headers().lastHeader("received-at")).isNotNull();
    }

    @Test
    void refusesBadEnvelopesTooLargeItemsAndBareItemsWithoutFeed() throws Exception {
        start(Optional.empty(), true);
        HttpResponse<String> bad = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"x\",\"body\":\"y\"}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid envelope").contains("'feed' is required");
        HttpResponse<String> large = send(at("/items")
                .header("X-Feed", "f")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("z".repeat(1025))));
        assertThat(large.statusCode()).isEqualTo(413);
        HttpResponse<String> noFeed = send(
                at("/items").header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("text")));
        assertThat(noFeed.statusCode()).isEqualTo(400);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void anEnvelopeIsSentAsItCame() throws Exception {
        start(Optional.empty(), true);
        String envelope = "{\"id\":\"yna-5\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"SEOUL (Yonhap) -- ...\"}";
        HttpResponse<String> response = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"id\":\"yna-5\"");
        assertThat(new String(producer.history().get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo(envelope);
    }

    @Test
    void listsTheNewestArticlesWithinTheLimit() throws Exception {
        start(Optional.empty(), true);
        HttpResponse<String> two = send(at("/articles?limit=2"));
        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(two.body()).isEqualTo("[{\"uri\":\"urn:a\"},{\"uri\":\"urn:b\"}]");
        assertThat(send(at("/articles?limit=51")).statusCode()).isEqualTo(400);
        assertThat(send(at("/articles?limit=x")).statusCode()).isEqualTo(400);
    }

    @Test
    void aConfiguredTokenIsRequiredForItemsAndArticles() throws Exception {
        start(Optional.of(TOKEN), true);
        assertThat(send(at("/articles")).statusCode()).isEqualTo(401);
        assertThat(send(at("/articles").header("Authorization", "Bearer wrong")).statusCode())
                .isEqualTo(401);
        assertThat(send(at("/articles").header("Authorization", "Bearer " + TOKEN))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(at("/items").header("X-Feed", "f").POST(HttpRequest.BodyPublishers.ofString("t")))
                        .statusCode())
                .isEqualTo(401);
        // Probes and metrics stay open for the platform.
        assertThat(send(at("/health/live")).statusCode()).isEqualTo(200);
        assertThat(send(at("/metrics")).statusCode()).isEqualTo(200);
    }
}
