package io.wireingest.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.worker.kafka.ArticleReader;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: {@code GET /health/live}, {@code GET /health/ready}, {@code GET /metrics} (Prometheus text),
 * {@code POST /items} (a raw item into the raw topic) and {@code GET /articles?limit=N} (newest articles). The last
 * two need {@code Authorization: Bearer <INGEST_HTTP_TOKEN>} when a token is configured, and without one answer
 * loopback clients only, so a default install never exposes an open ingest door.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    /** Where GET /articles reads from ({@link ArticleReader#newest} in the service). */
    @FunctionalInterface
    public interface Articles {
        /** The newest {@code limit} article JSON documents, newest first. */
        List<String> newest(int limit, Duration timeout);
    }

    /** Settings of the API. */
    public record Settings(
            String host, int port, Optional<String> token, long maxItemBytes, int articlesLimit, String rawTopic) {}

    private final Settings settings;
    private final WorkerMetrics metrics;
    private final BooleanSupplier ready;
    private final Producer<byte[], byte[]> producer;
    private final Articles articles;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param ready whether the worker is ready (broker answers, partitions assigned)
     * @param producer sends POST /items to the raw topic
     * @param articles reads GET /articles
     */
    public HttpApi(
            Settings settings,
            WorkerMetrics metrics,
            BooleanSupplier ready,
            Producer<byte[], byte[]> producer,
            Articles articles)
            throws IOException {
        this.settings = settings;
        this.metrics = metrics;
        this.ready = ready;
        this.producer = producer;
        this.articles = articles;
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health/live", this::live);
        server.createContext("/health/ready", this::ready);
        server.createContext("/metrics", this::metrics);
        server.createContext("/items", this::items);
        server.createContext("/articles", this::articles);
        server.createContext("/", ex -> {
            try (ex) {
                json(ex, 404, error("not found: " + ex.getRequestURI().getPath()));
            }
        });
    }

    /** Starts serving. */
    public void start() {
        server.start();
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL for logs ({@code http://localhost:8080}). */
    public String baseUrl() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        }
        return "http://" + host + ":" + port();
    }

    private void live(HttpExchange ex) throws IOException {
        try (ex) {
            if (!method(ex, "GET")) {
                return;
            }
            ObjectNode body = MAPPER.createObjectNode().put("status", "up");
            json(ex, 200, body);
        }
    }

    private void ready(HttpExchange ex) throws IOException {
        try (ex) {
            if (!method(ex, "GET")) {
                return;
            }
            boolean ok;
            try {
                ok = ready.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            json(ex, ok ? 200 : 503, MAPPER.createObjectNode().put("status", ok ? "ready" : "not-ready"));
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        try (ex) {
            if (!method(ex, "GET")) {
                return;
            }
            send(
                    ex,
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void items(HttpExchange ex) throws IOException {
        try (ex) {
            if (!method(ex, "POST") || !authorized(ex)) {
                return;
            }
            String length = ex.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > settings.maxItemBytes()) {
                        json(
                                ex,
                                413,
                                error("item is " + length.trim() + " bytes, over the limit of "
                                        + settings.maxItemBytes()));
                        return;
                    }
                } catch (NumberFormatException e) {
                    json(ex, 400, error("bad Content-Length"));
                    return;
                }
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxItemBytes() + 1));
            }
            if (body.length > settings.maxItemBytes()) {
                json(ex, 413, error("item is over the limit of " + settings.maxItemBytes() + " bytes"));
                return;
            }
            if (body.length == 0) {
                json(ex, 400, error("empty body"));
                return;
            }
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            boolean jsonType = contentType == null
                    || contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
            ProducerRecord<byte[], byte[]> record;
            String id;
            String feed;
            if (jsonType && Envelope.looksLikeEnvelope(body)) {
                RawItem item;
                try {
                    item = Envelope.parse(body);
                } catch (Envelope.InvalidEnvelopeException e) {
                    ObjectNode err = error("invalid envelope");
                    ArrayNode problems = err.putArray("problems");
                    e.problems().forEach(problems::add);
                    json(ex, 400, err);
                    return;
                }
                id = item.id();
                feed = item.feed();
                RecordHeaders headers = new RecordHeaders();
                headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes("application/json"));
                record = new ProducerRecord<>(
                        settings.rawTopic(), null, id.getBytes(StandardCharsets.UTF_8), body, headers);
            } else {
                feed = header(ex, "X-Feed");
                if (feed == null) {
                    json(ex, 400, error("X-Feed header required for a bare item (or send an envelope)"));
                    return;
                }
                id = header(ex, "X-Item-Id");
                if (id == null) {
                    id = feed + "-" + UUID.randomUUID();
                }
                String receivedAt = header(ex, "X-Received-At");
                if (receivedAt == null) {
                    receivedAt = Instant.now().toString();
                } else {
                    try {
                        OffsetDateTime.parse(receivedAt);
                    } catch (DateTimeParseException e) {
                        json(ex, 400, error("X-Received-At is not an RFC 3339 date-time"));
                        return;
                    }
                }
                RecordHeaders headers = new RecordHeaders();
                if (contentType != null) {
                    headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(contentType));
                }
                headers.add(IngestHeaders.FEED, IngestHeaders.bytes(feed));
                headers.add(IngestHeaders.ITEM_ID, IngestHeaders.bytes(id));
                headers.add(IngestHeaders.RECEIVED_AT, IngestHeaders.bytes(receivedAt));
                String url = header(ex, "X-Url");
                if (url != null) {
                    headers.add(IngestHeaders.URL, IngestHeaders.bytes(url));
                }
                String language = header(ex, "X-Language");
                if (language != null) {
                    headers.add(IngestHeaders.LANGUAGE, IngestHeaders.bytes(language));
                }
                record = new ProducerRecord<>(
                        settings.rawTopic(), null, id.getBytes(StandardCharsets.UTF_8), body, headers);
            }
            RecordMetadata meta;
            try {
                meta = producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                json(ex, 503, error("interrupted"));
                return;
            } catch (Exception e) {
                LOG.warn("POST /items: could not send item {} of feed {}: {}", id, feed, e.toString());
                json(
                        ex,
                        503,
                        error("the broker did not take the item: "
                                + e.getClass().getSimpleName()));
                return;
            }
            metrics.httpAccepted();
            ObjectNode ok = MAPPER.createObjectNode();
            ok.put("id", id);
            ok.put("feed", feed);
            ok.put("topic", meta.topic());
            ok.put("partition", meta.partition());
            ok.put("offset", meta.offset());
            json(ex, 202, ok);
        }
    }

    private void articles(HttpExchange ex) throws IOException {
        try (ex) {
            if (!method(ex, "GET") || !authorized(ex)) {
                return;
            }
            int limit = 10;
            String query = ex.getRequestURI().getRawQuery();
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("limit=")) {
                        try {
                            limit = Integer.parseInt(part.substring("limit=".length()));
                        } catch (NumberFormatException e) {
                            json(ex, 400, error("limit must be a whole number"));
                            return;
                        }
                    }
                }
            }
            if (limit < 1 || limit > settings.articlesLimit()) {
                json(ex, 400, error("limit must be between 1 and " + settings.articlesLimit()));
                return;
            }
            List<String> values;
            try {
                values = articles.newest(limit, Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                json(ex, 503, error("cannot read articles: " + e.getClass().getSimpleName()));
                return;
            }
            ArrayNode array = MAPPER.createArrayNode();
            for (String v : values) {
                try {
                    array.add(MAPPER.readTree(v));
                } catch (IOException e) {
                    // Not JSON: not one of ours; skip it rather than fail the listing.
                }
            }
            json(ex, 200, array);
        }
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        Optional<String> token = settings.token();
        if (token.isPresent()) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String expected = "Bearer " + token.get();
            if (auth == null
                    || !MessageDigest.isEqual(
                            auth.trim().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                json(ex, 401, error("a bearer token is required"));
                return false;
            }
            return true;
        }
        InetAddress remote = ex.getRemoteAddress().getAddress();
        if (remote == null || !remote.isLoopbackAddress()) {
            json(ex, 403, error("without INGEST_HTTP_TOKEN this endpoint answers loopback clients only"));
            return false;
        }
        return true;
    }

    private static boolean method(HttpExchange ex, String method) throws IOException {
        if (ex.getRequestMethod().equalsIgnoreCase(method)) {
            return true;
        }
        ex.getResponseHeaders().add("Allow", method);
        json(ex, 405, error("method not allowed: " + ex.getRequestMethod()));
        return false;
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static void json(HttpExchange ex, int status, com.fasterxml.jackson.databind.JsonNode body)
            throws IOException {
        send(ex, status, "application/json", MAPPER.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
