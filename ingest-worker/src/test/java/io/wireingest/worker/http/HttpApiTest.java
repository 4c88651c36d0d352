package io.wireingest.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
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
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private HttpApi start(Optional<String> token, boolean ready) throws Exception {
        return start(HttpApi.Settings.of("127.0.0.1", 0, token, 1024, 50, "wire.raw"), ready, producer);
    }

    private HttpApi start(HttpApi.Settings settings, boolean ready, Producer<byte[], byte[]> producer)
            throws Exception {
        api = new HttpApi(
                settings,
                new WorkerMetrics(registry),
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
    void settingsOfHaveTheDefaultsAndEachWithChangesOneSetting() {
        HttpApi.Settings base = HttpApi.Settings.of("127.0.0.1", 8080, Optional.of(TOKEN), 1024, 50, "wire.raw");
        assertThat(base)
                .isEqualTo(new HttpApi.Settings(
                        "127.0.0.1",
                        8080,
                        Optional.of(TOKEN),
                        1024,
                        50,
                        "wire.raw",
                        HttpApi.SEND_TIMEOUT,
                        HttpApi.ITEMS_CONCURRENCY,
                        HttpApi.READ_TIMEOUT,
                        -1));
        HttpApi.Settings changed = base.withSendTimeout(Duration.ofSeconds(3))
                .withItemsConcurrency(7)
                .withManagementPort(9090);
        assertThat(changed)
                .isEqualTo(new HttpApi.Settings(
                        "127.0.0.1",
                        8080,
                        Optional.of(TOKEN),
                        1024,
                        50,
                        "wire.raw",
                        Duration.ofSeconds(3),
                        7,
                        HttpApi.READ_TIMEOUT,
                        9090));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> base.withItemsConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class);
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
    void headAnswersLikeGetWithoutABody() throws Exception {
        start(Optional.empty(), false);
        for (String path : List.of("/health/live", "/health/ready", "/metrics", "/articles?limit=1")) {
            HttpResponse<String> get = send(at(path));
            HttpResponse<String> head = send(at(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type"))
                    .as(path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
        }
        assertThat(send(at("/health/live").method("HEAD", HttpRequest.BodyPublishers.noBody()))
                        .headers()
                        .firstValue("Content-Length"))
                .contains(Integer.toString("{\"status\":\"up\"}".length()));
        HttpResponse<String> wrong = send(at("/health/live").DELETE());
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("GET, HEAD");
        // POST /items stays POST only.
        assertThat(send(at("/items").method("HEAD", HttpRequest.BodyPublishers.noBody()))
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
    void aBareItemsHeadersAreHeldToTheEnvelopeRulesAndEveryProblemIsNamed() throws Exception {
        start(Optional.empty(), true);
        HttpResponse<String> bad = send(at("/items")
                .header("Content-Type", "nonsense")
                .header("X-Feed", "f".repeat(300))
                .header("X-Item-Id", "i".repeat(1100))
                .header("X-Url", "not a url")
                .header("X-Language", "!!")
                .header("X-Received-At", "yesterday")
                .POST(HttpRequest.BodyPublishers.ofString("text")));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode answer = new ObjectMapper().readTree(bad.body());
        assertThat(answer.get("error").asText()).isEqualTo("invalid headers for a bare item");
        List<String> problems = new ArrayList<>();
        answer.get("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).hasSize(6);
        assertThat(problems.get(0)).startsWith("X-Item-Id is 1100 characters, over the limit of 1024");
        assertThat(problems.get(1)).startsWith("X-Feed must be 1 to 256 characters");
        assertThat(problems.get(2))
                .startsWith("Content-Type must be a media type")
                .endsWith("got 'nonsense'");
        assertThat(problems.get(3)).isEqualTo("X-Url must be an absolute URI, got 'not a url'");
        assertThat(problems.get(4))
                .startsWith("X-Language must be a BCP 47 tag")
                .endsWith("got '!!'");
        assertThat(problems.get(5))
                .startsWith("X-Received-At must be an RFC 3339 date-time")
                .endsWith("'yesterday'");
        assertThat(bad.body()).doesNotContain("\\u0001").doesNotContain("'feed'");
        // A missing X-Feed is one of the problems too.
        HttpResponse<String> noFeed = send(at("/items")
                .header("Content-Type", "text/plain")
                .header("X-Url", "not a url")
                .POST(HttpRequest.BodyPublishers.ofString("text")));
        assertThat(noFeed.statusCode()).isEqualTo(400);
        assertThat(noFeed.body()).contains("X-Feed header required").contains("X-Url must be an absolute URI");
        // A date without seconds is not RFC 3339 (OffsetDateTime alone would take it).
        assertThat(send(at("/items")
                                .header("Content-Type", "text/plain")
                                .header("X-Feed", "f")
                                .header("X-Received-At", "2024-05-01T08:00Z")
                                .POST(HttpRequest.BodyPublishers.ofString("text")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(producer.history()).isEmpty();

        HttpResponse<String> good = send(at("/items")
                .header("Content-Type", "text/html; charset=utf-8")
                .header("X-Feed", "yonhap-en")
                .header("X-Url", "https://en.yna.co.kr/view/AEN1")
                .header("X-Language", "en-GB")
                .header("X-Received-At", "2024-05-01 10:00:00+02:00")
                .POST(HttpRequest.BodyPublishers.ofString("<p>text</p>")));
        assertThat(good.statusCode()).isEqualTo(202);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(new String(sent.headers().lastHeader("url").value(), StandardCharsets.UTF_8))
                .isEqualTo("https://en.yna.co.kr/view/AEN1");
        assertThat(new String(sent.headers().lastHeader("language").value(), StandardCharsets.UTF_8))
                .isEqualTo("en-GB");
        assertThat(new String(sent.headers().lastHeader("received-at").value(), StandardCharsets.UTF_8))
                .isEqualTo("2024-05-01T08:00:00Z");
    }

    @Test
    void anEnvelopeHoldingAnItemAtTheLimitAsBase64IsAccepted() throws Exception {
        int limit = 1048576;
        start(HttpApi.Settings.of("127.0.0.1", 0, Optional.empty(), limit, 50, "wire.raw"), true, producer);
        HttpResponse<String> atLimit = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(base64Envelope("big-1", limit))));
        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(202);
        assertThat(producer.history()).hasSize(1);

        HttpResponse<String> over = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(base64Envelope("big-2", limit + 1))));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.body())
                .contains(
                        "item is " + (limit + 1) + " bytes (the envelope's decoded body), over the limit of " + limit);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void a413SaysWhetherTheRequestOrTheItemWasTooLarge() throws Exception {
        start(Optional.empty(), true);
        long requestLimit = HttpApi.envelopeRequestLimit(1024);
        assertThat(requestLimit).isEqualTo(4 * 342 + 65536);
        HttpResponse<String> request = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(" ".repeat((int) requestLimit + 1))));
        assertThat(request.statusCode()).isEqualTo(413);
        assertThat(request.body())
                .contains("request body is " + (requestLimit + 1) + " bytes, over the limit of " + requestLimit);
        assertThat(request.headers().firstValue("Connection")).contains("close");
        // Without a Content-Length (chunked), the body is cut off at the limit.
        HttpResponse<String> chunked = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[(int) requestLimit + 1]))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body())
                .contains("request body is over the limit of " + requestLimit + " for a JSON request");
        HttpResponse<String> chunkedBare = send(at("/items")
                .header("Content-Type", "text/plain")
                .header("X-Feed", "f")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1025]))));
        assertThat(chunkedBare.statusCode()).isEqualTo(413);
        assertThat(chunkedBare.body()).contains("item is over the limit of 1024 (INGEST_MAX_ITEM_BYTES)");
        // Bare JSON content read with an envelope's room is still held to the item limit.
        HttpResponse<String> bareJson = send(at("/items")
                .header("Content-Type", "application/json")
                .header("X-Feed", "partner-ninjs")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uri\":\"" + "u".repeat(1100) + "\"}")));
        assertThat(bareJson.statusCode()).isEqualTo(413);
        assertThat(bareJson.body()).contains("item is 1110 bytes, over the limit of 1024");
        HttpResponse<String> bare = send(at("/items")
                .header("Content-Type", "text/plain")
                .header("X-Feed", "f")
                .POST(HttpRequest.BodyPublishers.ofString("z".repeat(1025))));
        assertThat(bare.statusCode()).isEqualTo(413);
        assertThat(bare.body()).contains("item is 1025 bytes, over the limit of 1024");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void curlsDefaultFormTypeWithoutXFeedIsReadAsAnEnvelope() throws Exception {
        start(Optional.empty(), true);
        String envelope = "{\"id\":\"ant-1\",\"feed\":\"antara-id\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"Jakarta (ANTARA) - ...\"}";
        HttpResponse<String> response = send(at("/items")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo(envelope);
        assertThat(new String(sent.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/json");
        HttpResponse<String> notAnEnvelope = send(at("/items")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("plain text")));
        assertThat(notAnEnvelope.statusCode()).isEqualTo(400);
        assertThat(notAnEnvelope.body()).contains("invalid envelope").contains("X-Feed");
        assertThat(HttpApi.envelopeType("Application/JSON; charset=utf-8")).isTrue();
        assertThat(HttpApi.envelopeType("text/plain")).isFalse();
        assertThat(HttpApi.envelopeType("application/jsonl")).isFalse();
    }

    private static String base64Envelope(String id, int itemBytes) {
        byte[] item = new byte[itemBytes];
        Arrays.fill(item, (byte) 'x');
        return "{\"id\":\"" + id + "\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"bodyBase64\":\""
                + Base64.getEncoder().encodeToString(item) + "\"}";
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

    @Test
    void pathsMatchExactly() throws Exception {
        start(Optional.empty(), true);
        HttpResponse<String> itemsFoo = send(at("/itemsfoo")
                .header("Content-Type", "text/plain")
                .header("X-Feed", "f")
                .POST(HttpRequest.BodyPublishers.ofString("text")));
        assertThat(itemsFoo.statusCode()).isEqualTo(404);
        assertThat(send(at("/items/")
                                .header("Content-Type", "text/plain")
                                .header("X-Feed", "f")
                                .POST(HttpRequest.BodyPublishers.ofString("text")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(producer.history()).isEmpty();
        assertThat(send(at("/health/livexyz")).statusCode()).isEqualTo(404);
        assertThat(send(at("/health/ready/")).statusCode()).isEqualTo(404);
        assertThat(send(at("/metricsx")).statusCode()).isEqualTo(404);
        assertThat(send(at("/articlesx")).statusCode()).isEqualTo(404);
        assertThat(send(at("/health/live")).statusCode()).isEqualTo(200);
        assertThat(send(at("/articles?limit=1")).statusCode()).isEqualTo(200);
    }

    @Test
    void theAuthSchemeIsCaseInsensitive() throws Exception {
        start(Optional.of(TOKEN), true);
        for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
            assertThat(send(at("/articles").header("Authorization", scheme + " " + TOKEN))
                            .statusCode())
                    .as(scheme)
                    .isEqualTo(200);
        }
        assertThat(send(at("/articles").header("Authorization", "Basic " + TOKEN))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(at("/articles").header("Authorization", "Bearer" + TOKEN))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(at("/articles").header("Authorization", "bearer " + TOKEN.toUpperCase()))
                        .statusCode())
                .isEqualTo(401);
        assertThat(HttpApi.bearer("bearer   abc ")).contains("abc");
        assertThat(HttpApi.bearer("Bearer\tabc")).contains("abc");
        assertThat(HttpApi.bearer("Bearer")).isEmpty();
        assertThat(HttpApi.bearer("Bearer   ")).isEmpty();
        assertThat(HttpApi.bearer(null)).isEmpty();
    }

    @Test
    void aJsonBodyWithoutXFeedIsAnEnvelopeAndItsSyntaxErrorIsReported() throws Exception {
        start(Optional.empty(), true);
        HttpResponse<String> typed = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(typed.statusCode()).isEqualTo(400);
        assertThat(typed.body()).contains("invalid envelope").contains("\"problems\":[\"not JSON");
        HttpResponse<String> untyped = send(at("/items").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"x\",")));
        assertThat(untyped.statusCode()).isEqualTo(400);
        assertThat(untyped.body()).contains("invalid envelope").contains("not JSON");
        HttpResponse<String> untypedText = send(at("/items").POST(HttpRequest.BodyPublishers.ofString("plain text")));
        assertThat(untypedText.statusCode()).isEqualTo(400);
        assertThat(untypedText.body()).contains("X-Feed").contains("not JSON");
        // Valid JSON that is no envelope: the envelope's own problems.
        HttpResponse<String> ninjsWithoutFeed = send(at("/items")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uri\":\"urn:x\",\"body_html\":\"<p>x</p>\"}")));
        assertThat(ninjsWithoutFeed.statusCode()).isEqualTo(400);
        assertThat(ninjsWithoutFeed.body()).contains("invalid envelope").contains("'feed' is required");
        assertThat(producer.history()).isEmpty();

        // Bare JSON content (a ninjs item) with X-Feed stays a bare item.
        String ninjs = "{\"uri\":\"urn:x\",\"headline\":\"H\",\"body_html\":\"<p>x</p>\"}";
        HttpResponse<String> bare = send(at("/items")
                .header("Content-Type", "application/json")
                .header("X-Feed", "partner-ninjs")
                .header("X-Item-Id", "n-1")
                .POST(HttpRequest.BodyPublishers.ofString(ninjs)));
        assertThat(bare.statusCode()).isEqualTo(202);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo(ninjs);
        assertThat(new String(sent.headers().lastHeader("feed").value(), StandardCharsets.UTF_8))
                .isEqualTo("partner-ninjs");
    }

    @Test
    void probesAnswerWhileItemsWaitForTheBrokerAndExtraPostsGetBusy() throws Exception {
        MockProducer<byte[], byte[]> stuck =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        start(
                HttpApi.Settings.of("127.0.0.1", 0, Optional.empty(), 1024, 50, "wire.raw")
                        .withSendTimeout(Duration.ofMinutes(5))
                        .withItemsConcurrency(1),
                false,
                stuck);
        CompletableFuture<HttpResponse<String>> first =
                client.sendAsync(item("first").build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(() -> stuck.history().size() == 1);

        HttpClient quick =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String probe : List.of("/health/live", "/health/ready", "/metrics")) {
            HttpResponse<String> answer =
                    quick.send(at(probe).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(probe).isIn(200, 503);
        }
        HttpResponse<String> busy =
                quick.send(item("second").timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).contains("busy");
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");
        assertThat(registry.get(WorkerMetrics.HTTP_BUSY)
                        .tag("path", "/items")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(first).isNotDone();

        stuck.completeNext();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        // The lane is free again.
        await().atMost(Duration.ofSeconds(30)).until(() -> api.itemsInProgress() == 0);
        CompletableFuture<HttpResponse<String>> third =
                client.sendAsync(item("third").build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(() -> stuck.history().size() == 2);
        stuck.completeNext();
        assertThat(third.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }

    @Test
    void aPostTheBrokerDoesNotConfirmEndsWith503AfterTheSendTimeout() throws Exception {
        MockProducer<byte[], byte[]> silent =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        start(
                HttpApi.Settings.of("127.0.0.1", 0, Optional.empty(), 1024, 50, "wire.raw")
                        .withSendTimeout(Duration.ofSeconds(1))
                        .withItemsConcurrency(4),
                true,
                silent);
        CompletableFuture<HttpResponse<String>> post =
                client.sendAsync(item("late").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answer = post.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("did not confirm the item within 1 s");
    }

    private HttpRequest.Builder item(String id) {
        return at("/items")
                .header("Content-Type", "text/plain")
                .header("X-Feed", "f")
                .header("X-Item-Id", id)
                .POST(HttpRequest.BodyPublishers.ofString("text of " + id));
    }

    /** Sends raw request bytes on a socket of its own and returns the whole answer (the request asks to close). */
    private String rawExchange(byte[] request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void utf8ItemIdAndFeedHeadersAreReadAsUtf8() throws Exception {
        start(Optional.empty(), true);
        String body = "SEOUL, May 1 (Yonhap) -- Test.";
        String answer = rawExchange(concat(
                ascii("POST /items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\nX-Feed: "),
                "f ÿ/x".getBytes(StandardCharsets.UTF_8),
                ascii("\r\nX-Item-Id: "),
                "연합-001".getBytes(StandardCharsets.UTF_8),
                ascii("\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)));
        assertThat(answer)
                .startsWith("HTTP/1.1 202")
                .contains("\"id\":\"연합-001\"")
                .contains("\"feed\":\"f ÿ/x\"");
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("연합-001");
        assertThat(new String(sent.headers().lastHeader("item-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("연합-001");
        assertThat(new String(sent.headers().lastHeader("feed").value(), StandardCharsets.UTF_8))
                .isEqualTo("f ÿ/x");
    }

    @Test
    void headerBytesThatAreNotUtf8AreA400NamingTheHeader() throws Exception {
        start(Optional.empty(), true);
        String answer = rawExchange(concat(
                ascii("POST /items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Content-Type: text/plain\r\nX-Feed: f\r\nX-Item-Id: caf"),
                new byte[] {(byte) 0xE9}, // Latin-1 'é', not UTF-8
                ascii("\r\nContent-Length: 4\r\n\r\nbody")));
        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .contains("X-Item-Id is not valid UTF-8")
                .doesNotContain("X-Feed is");
        assertThat(producer.history()).isEmpty();
        assertThat(HttpApi.utf8("plain-ascii")).contains("plain-ascii");
        assertThat(HttpApi.utf8(new String(new byte[] {(byte) 0xC3, (byte) 0xA9}, StandardCharsets.ISO_8859_1)))
                .contains("é");
    }

    @Test
    void probesAnswerWhileClientsStallHalfWayThroughTheirRequestsAndTheStalledAreClosed() throws Exception {
        start(Optional.empty(), true);
        // More half-sent requests than the server once had threads (4), each stopping inside its headers.
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port());
                socket.getOutputStream().write(ascii("GET /health/live HTTP/1.1\r\nHost: x\r\n"));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            HttpResponse<String> live = send(at("/health/live").timeout(Duration.ofSeconds(60)));
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(send(at("/metrics").timeout(Duration.ofSeconds(60))).statusCode())
                    .isEqualTo(200);
            // The server closes each stalled connection once its read timeout passes (whole seconds; the JVM's first
            // API sets it): the socket reads the end of the stream, or a reset.
            for (java.net.Socket socket : stalled) {
                socket.setSoTimeout(180_000);
                int read;
                try {
                    read = socket.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    read = -1;
                }
                assertThat(read).isEqualTo(-1);
            }
        } finally {
            for (java.net.Socket socket : stalled) {
                socket.close();
            }
        }
        assertThat(send(at("/health/live")).statusCode()).isEqualTo(200);
    }

    @Test
    void withAManagementPortStalledClientsOnTheMainPortCannotDelayTheProbes() throws Exception {
        start(
                HttpApi.Settings.of("127.0.0.1", 0, Optional.empty(), 1024, 50, "wire.raw")
                        .withManagementPort(0),
                true,
                producer);
        int management = api.managementPort().orElseThrow();
        assertThat(management).isNotEqualTo(api.port());
        // More stalled half-sent requests than the main server has threads: every one of them is taken until the
        // read timeout, and the requests beyond wait in its queue (the probes among them, on the main port).
        List<java.net.Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < HttpApi.SERVER_THREADS + 8; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port());
                socket.getOutputStream().write(ascii("GET /health/live HTTP/1.1\r\nHost: x\r\n"));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            await().atMost(60, TimeUnit.SECONDS).until(() -> api.serverThreadsBusy() == HttpApi.SERVER_THREADS);
            String base = "http://127.0.0.1:" + management;
            for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
                HttpResponse<String> answer =
                        send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)));
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
            }
            // The main port's threads were all held by the stalled clients while the management port answered.
            assertThat(api.serverThreadsBusy()).isEqualTo(HttpApi.SERVER_THREADS);
            // The management port serves the probes and metrics only.
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/articles?limit=1")))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/items"))
                                    .POST(HttpRequest.BodyPublishers.ofString("x")))
                            .statusCode())
                    .isEqualTo(404);
        } finally {
            for (java.net.Socket socket : stalled) {
                socket.close();
            }
        }
        // The main port serves the probes too, once its threads are free again.
        await().atMost(60, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(send(at("/health/live").timeout(Duration.ofSeconds(60)))
                                .statusCode())
                        .isEqualTo(200));
    }

    @Test
    void withoutAManagementPortThereIsNoManagementServer() throws Exception {
        start(Optional.empty(), true);
        assertThat(api.managementPort()).isEmpty();
        assertThat(api.managementBaseUrl()).isEmpty();
    }

    @Test
    void aManagementPortInUseReleasesTheMainPort() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int main;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                main = probe.getLocalPort();
            }
            HttpApi.Settings settings = HttpApi.Settings.of("127.0.0.1", main, Optional.empty(), 1024, 50, "wire.raw")
                    .withManagementPort(taken.getLocalPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HttpApi(settings, new WorkerMetrics(registry)))
                    .isInstanceOf(HttpApi.ManagementBindException.class);
            // The main port was bound first and is free again.
            try (java.net.ServerSocket again =
                    new java.net.ServerSocket(main, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                assertThat(again.getLocalPort()).isEqualTo(main);
            }
        }
    }
}
