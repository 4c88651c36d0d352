package io.wireingest.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.ArticleReader;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Paths match exactly (anything else is 404); the GET endpoints also answer HEAD (without the body). The probes
 * and metrics run on the server's own threads and never wait for the broker; {@code POST /items} and
 * {@code GET /articles}, which may, run on two small bounded pools of their own ({@link Settings#itemsConcurrency()}
 * and {@link #ARTICLES_CONCURRENCY} threads) and answer {@code 503 busy} at once when theirs is full. A POST waits
 * at most {@link Settings#sendTimeout()} for the broker, provided its producer blocks no longer than that
 * ({@link io.wireingest.worker.kafka.KafkaClients#maxBlockAtMost}). A client that sends its request slowly or stops
 * half-way holds one of the server's {@link #SERVER_THREADS} threads for at most {@link Settings#readTimeout()}
 * ({@link #limitJdkServer}).
 *
 * <p>With a {@linkplain Settings#managementPort() management port}, a second server on that port serves the probes
 * and metrics only, on {@link #MANAGEMENT_THREADS} threads of its own: stalled connections on the main port, which
 * can take all of its threads for the read timeout again and again, cannot delay them there. The main port keeps
 * serving them too.
 *
 * <p>Header values of a bare item ({@code X-Item-Id}, {@code X-Feed}, ...) are read as UTF-8; a value that is not
 * UTF-8 is a 400 naming the header.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * How long POST /items waits for the broker to confirm an item before answering 503, by default (the default of
     * {@link WorkerConfig#HTTP_SEND_TIMEOUT_MS}).
     */
    public static final Duration SEND_TIMEOUT =
            Duration.ofMillis(Long.parseLong(WorkerConfig.HTTP_SEND_TIMEOUT_MS.defaultValue()));

    /**
     * How many POST /items are handled at once by default; more get 503 busy (the default of
     * {@link WorkerConfig#HTTP_POST_CONCURRENCY}).
     */
    public static final int ITEMS_CONCURRENCY = Integer.parseInt(WorkerConfig.HTTP_POST_CONCURRENCY.defaultValue());

    /** How many GET /articles are handled at once; more get 503 busy (the reader serves one at a time anyway). */
    public static final int ARTICLES_CONCURRENCY = 2;

    private static final Duration ARTICLES_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long a client may take to send a whole request by default (the default of
     * {@link WorkerConfig#HTTP_READ_TIMEOUT_MS}).
     */
    public static final Duration READ_TIMEOUT =
            Duration.ofMillis(Long.parseLong(WorkerConfig.HTTP_READ_TIMEOUT_MS.defaultValue()));

    /**
     * Threads of the server itself. The JDK server reads a request's line and headers on these threads, before any
     * handler runs, so each connection that is sending a request holds one (until {@link Settings#readTimeout()}
     * closes it if it stalls): far more of them than the probes need keeps a few slow clients from starving the
     * probes and metrics. Idle threads end after 30 s.
     */
    static final int SERVER_THREADS = 32;

    /**
     * Threads of the management server ({@link Settings#managementPort()}): its clients are the kubelet's probes and
     * the metrics scraper, on a port the public does not reach.
     */
    static final int MANAGEMENT_THREADS = 4;

    /** The JDK server's system properties this API sets, unless the user set them ({@link #limitJdkServer}). */
    static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";

    static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";

    /** The HTTP header that gives each envelope field of a bare item. */
    private static final Map<String, String> FIELD_HEADERS = Map.of(
            "id", "X-Item-Id",
            "feed", "X-Feed",
            "contentType", "Content-Type",
            "url", "X-Url",
            "language", "X-Language",
            "receivedAt", "X-Received-At");

    /** Where GET /articles reads from ({@link ArticleReader#newest} in the service). */
    @FunctionalInterface
    public interface Articles {
        /** The newest {@code limit} article JSON documents, newest first. */
        List<String> newest(int limit, Duration timeout);
    }

    /**
     * Settings of the API.
     *
     * @param sendTimeout how long POST /items waits for the broker before answering 503
     * @param itemsConcurrency how many POST /items are handled at once; more get 503 busy
     * @param readTimeout how long a client may take to send a whole request (line, headers, body); a stalled
     *     connection is closed. Whole seconds (rounded up), and JVM-wide: see {@link #limitJdkServer}
     * @param managementPort the port of a separate server for the probes and metrics only (0: any free port); -1:
     *     none, they are served on {@code port} only
     */
    public record Settings(
            String host,
            int port,
            Optional<String> token,
            long maxItemBytes,
            int articlesLimit,
            String rawTopic,
            Duration sendTimeout,
            int itemsConcurrency,
            Duration readTimeout,
            int managementPort) {
        public Settings {
            if (sendTimeout.isNegative() || sendTimeout.isZero()) {
                throw new IllegalArgumentException("sendTimeout must be positive");
            }
            if (itemsConcurrency < 1) {
                throw new IllegalArgumentException("itemsConcurrency must be at least 1");
            }
            if (readTimeout.isNegative() || readTimeout.isZero()) {
                throw new IllegalArgumentException("readTimeout must be positive");
            }
            if (managementPort < -1 || managementPort > 65535) {
                throw new IllegalArgumentException("managementPort must be -1 (none), 0 (any) or a port number");
            }
        }

        /**
         * Settings with the default {@link #SEND_TIMEOUT}, {@link #ITEMS_CONCURRENCY} and {@link #READ_TIMEOUT}, and
         * no management port (probes and metrics on {@code port} only); change one with the {@code with} methods.
         */
        public static Settings of(
                String host, int port, Optional<String> token, long maxItemBytes, int articlesLimit, String rawTopic) {
            return new Settings(
                    host,
                    port,
                    token,
                    maxItemBytes,
                    articlesLimit,
                    rawTopic,
                    SEND_TIMEOUT,
                    ITEMS_CONCURRENCY,
                    READ_TIMEOUT,
                    -1);
        }

        /** These settings with another {@link #sendTimeout()}. */
        public Settings withSendTimeout(Duration sendTimeout) {
            return tuned(sendTimeout, itemsConcurrency, managementPort);
        }

        /** These settings with another {@link #itemsConcurrency()}. */
        public Settings withItemsConcurrency(int itemsConcurrency) {
            return tuned(sendTimeout, itemsConcurrency, managementPort);
        }

        /** These settings with a {@link #managementPort()} (0: any free port; -1: none). */
        public Settings withManagementPort(int managementPort) {
            return tuned(sendTimeout, itemsConcurrency, managementPort);
        }

        /** These settings with the given tuning values (the {@code with} methods change one each). */
        private Settings tuned(Duration sendTimeout, int itemsConcurrency, int managementPort) {
            return new Settings(
                    host,
                    port,
                    token,
                    maxItemBytes,
                    articlesLimit,
                    rawTopic,
                    sendTimeout,
                    itemsConcurrency,
                    readTimeout,
                    managementPort);
        }
    }

    /**
     * What the Kafka-facing endpoints need, {@linkplain #attach attached} once the brokers answer.
     *
     * @param ready whether the worker is ready (broker answers, partitions assigned)
     * @param producer sends POST /items to the raw topic
     * @param articles reads GET /articles
     */
    public record Backend(BooleanSupplier ready, Producer<byte[], byte[]> producer, Articles articles) {}

    private final Settings settings;
    private final WorkerMetrics metrics;
    private volatile Backend backend;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpServer management;
    private final ExecutorService managementExecutor;
    private final ThreadPoolExecutor itemsLane;
    private final ThreadPoolExecutor articlesLane;

    /** An API with its backend attached from the start (see {@link #HttpApi(Settings, WorkerMetrics)}). */
    public HttpApi(
            Settings settings,
            WorkerMetrics metrics,
            BooleanSupplier ready,
            Producer<byte[], byte[]> producer,
            Articles articles)
            throws IOException {
        this(settings, metrics);
        attach(new Backend(ready, producer, articles));
    }

    /**
     * An API that serves {@code /health/live} and {@code /metrics} as soon as it is {@linkplain #start started},
     * while the service still waits for the brokers: until {@link #attach} {@code /health/ready} answers
     * {@code 503 starting}, and {@code POST /items} and {@code GET /articles} {@code 503} with {@code Retry-After}.
     */
    public HttpApi(Settings settings, WorkerMetrics metrics) throws IOException {
        this.settings = settings;
        this.metrics = metrics;
        limitJdkServer(settings);
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        if (settings.managementPort() >= 0) {
            try {
                this.management =
                        HttpServer.create(new InetSocketAddress(settings.host(), settings.managementPort()), 64);
            } catch (IOException e) {
                // An unstarted JDK server keeps its port after stop() (its channel stays registered with a selector
                // only its dispatcher thread would close): started for an instant, it releases it.
                server.start();
                server.stop(0);
                throw e instanceof java.net.BindException b ? new ManagementBindException(b) : e;
            }
            this.managementExecutor = serverThreads("http-management", MANAGEMENT_THREADS);
            management.setExecutor(managementExecutor);
            probes(management);
            management.createContext("/", HttpApi::notFound);
        } else {
            this.management = null;
            this.managementExecutor = null;
        }
        this.executor = serverThreads("http", SERVER_THREADS);
        server.setExecutor(executor);
        this.itemsLane = lane("http-items", settings.itemsConcurrency());
        this.articlesLane = lane("http-articles", ARTICLES_CONCURRENCY);
        probes(server);
        route(server, "/items", ex -> handOff(ex, "POST", itemsLane, this::items));
        route(server, "/articles", ex -> handOff(ex, "GET", articlesLane, this::articles));
        server.createContext("/", HttpApi::notFound);
    }

    /** The probes and metrics, always open (no token), on the main server and the management one. */
    private void probes(HttpServer s) {
        route(s, "/health/live", this::live);
        route(s, "/health/ready", this::ready);
        route(s, "/metrics", this::metrics);
    }

    /** The management port could not be bound ({@link Settings#managementPort()}); the main port is released. */
    public static final class ManagementBindException extends java.net.BindException {
        private static final long serialVersionUID = 1L;

        ManagementBindException(java.net.BindException cause) {
            super(cause.getMessage());
            initCause(cause);
        }
    }

    /** A server's pool: {@code threads} threads that end after 30 s idle, and a queue for the requests beyond. */
    private static ThreadPoolExecutor serverThreads(String name, int threads) {
        return daemonPool(name, threads, new LinkedBlockingQueue<>());
    }

    /** {@code threads} daemon threads named {@code name} that end after 30 s idle, taking work from {@code queue}. */
    private static ThreadPoolExecutor daemonPool(String name, int threads, BlockingQueue<Runnable> queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Bounds how long a connection may hold one of the server's threads, through the JDK server's system properties
     * {@value #MAX_REQ_TIME} (a request must arrive whole within {@link Settings#readTimeout()}, whole seconds
     * rounded up) and {@value #MAX_RSP_TIME} (an answer must be taken within the read timeout plus the longest
     * handling time: the send timeout, or the articles' 10 s). Without them the JDK server waits forever for a
     * request that stops half-way, on one of its threads: a few such connections froze the probes. The JDK reads
     * these properties once, when its server class is loaded (the first {@link HttpServer} of the JVM), so they are
     * set here, before that, and only when not set already: {@code -Dsun.net.httpserver.maxReqTime=...} on the
     * command line wins, and in a JVM that runs several APIs (tests) the first one's settings hold.
     */
    static synchronized void limitJdkServer(Settings settings) {
        long readSeconds = ceilSeconds(settings.readTimeout());
        long handling = Math.max(settings.sendTimeout().toMillis(), ARTICLES_TIMEOUT.toMillis());
        long responseSeconds = readSeconds + ceilSeconds(Duration.ofMillis(handling));
        setUnlessSet(MAX_REQ_TIME, readSeconds);
        setUnlessSet(MAX_RSP_TIME, responseSeconds);
        LOG.debug(
                "HTTP: {}={} s, {}={} s",
                MAX_REQ_TIME,
                System.getProperty(MAX_REQ_TIME),
                MAX_RSP_TIME,
                System.getProperty(MAX_RSP_TIME));
    }

    private static long ceilSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static void setUnlessSet(String property, long value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Long.toString(value));
        }
    }

    /** Connects the Kafka-facing endpoints (once the brokers answer); until then they answer 503 starting. */
    public void attach(Backend backend) {
        this.backend = backend;
    }

    /** A pool of {@code threads} threads with no queue: a task finding them all busy is rejected. */
    private static ThreadPoolExecutor lane(String name, int threads) {
        return daemonPool(name, threads, new SynchronousQueue<>());
    }

    /** Serves {@code path} exactly: the server's contexts match by prefix, so {@code /itemsfoo} is a 404 here. */
    private static void route(HttpServer server, String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            if (ex.getRequestURI().getPath().equals(path)) {
                handler.handle(ex);
            } else {
                notFound(ex);
            }
        });
    }

    private static void notFound(HttpExchange ex) throws IOException {
        try (ex) {
            json(ex, 404, error("not found: " + ex.getRequestURI().getPath()));
        }
    }

    /**
     * Checks method and authorization on the server thread, then hands the exchange to {@code lane}, or answers
     * 503 busy at once when all of its threads are taken, so that a slow broker never holds the server's threads
     * (which answer the probes).
     */
    private void handOff(HttpExchange ex, String method, ThreadPoolExecutor lane, HttpHandler handler)
            throws IOException {
        boolean handedOff = false;
        try {
            if (!method(ex, method) || !authorized(ex)) {
                return;
            }
            if (backend == null) {
                ex.getResponseHeaders().set("Retry-After", "5");
                json(ex, 503, error("starting: waiting for the Kafka brokers; retry shortly"));
                return;
            }
            try {
                lane.execute(() -> serve(ex, handler));
                handedOff = true;
            } catch (RejectedExecutionException e) {
                metrics.httpBusy(ex.getRequestURI().getPath());
                ex.getResponseHeaders().set("Retry-After", "1");
                json(ex, 503, error("busy: too many requests in progress; retry shortly"));
            }
        } finally {
            if (!handedOff) {
                ex.close();
            }
        }
    }

    /** Runs a handler on a lane thread; the exchange is closed at the end whatever happens. */
    private static void serve(HttpExchange ex, HttpHandler handler) {
        try {
            handler.handle(ex);
        } catch (IOException e) {
            LOG.debug("{} {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            if (ex.getResponseCode() == -1) {
                try {
                    json(ex, 500, error("internal error"));
                } catch (IOException | RuntimeException ignored) {
                    // The client has gone; nothing more to tell it.
                }
            }
        } finally {
            ex.close();
        }
    }

    /** POST /items being handled now (for tests). */
    int itemsInProgress() {
        return itemsLane.getActiveCount();
    }

    /** The main server's threads busy now, reading requests or handling them (for tests). */
    int serverThreadsBusy() {
        return ((ThreadPoolExecutor) executor).getActiveCount();
    }

    /** Starts serving. */
    public void start() {
        if (management != null) {
            management.start();
        }
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

    /** The management port actually bound, when there is a management server. */
    public Optional<Integer> managementPort() {
        return management == null
                ? Optional.empty()
                : Optional.of(management.getAddress().getPort());
    }

    /** The management server's base URL for logs, when there is one. */
    public Optional<String> managementBaseUrl() {
        String base = baseUrl();
        return managementPort().map(p -> base.substring(0, base.lastIndexOf(':') + 1) + p);
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
            Backend b = backend;
            if (b == null) {
                json(ex, 503, MAPPER.createObjectNode().put("status", "starting"));
                return;
            }
            boolean ok;
            try {
                ok = b.ready().getAsBoolean();
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

    /**
     * The largest request body POST /items reads when it may be an envelope: an item at {@code maxItemBytes} sent as
     * {@code bodyBase64} (4 bytes per 3) plus room for the envelope's other fields, the same size the worker's
     * records are made to hold ({@link WorkerConfig#minRecordBytes}). A bare item's body is the item, so its limit
     * is {@code maxItemBytes} itself.
     */
    static long envelopeRequestLimit(long maxItemBytes) {
        return WorkerConfig.minRecordBytes(maxItemBytes);
    }

    /**
     * Whether a body of this {@code Content-Type} may be an envelope: JSON, none, or
     * {@code application/x-www-form-urlencoded}, which {@code curl --data-binary} sends unless told otherwise.
     */
    static boolean envelopeType(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return bare.equals("application/json") || bare.equals("application/x-www-form-urlencoded");
    }

    /** POST /items, on the items lane (method and authorization already checked). */
    private void items(HttpExchange ex) throws IOException {
        String contentType = header(ex, "Content-Type");
        boolean envelopeType = envelopeType(contentType);
        long itemLimit = settings.maxItemBytes();
        // An envelope's body is base64 or JSON text, larger than the item it holds: its request gets room for that,
        // and the item inside is measured once decoded.
        long requestLimit = envelopeType ? envelopeRequestLimit(itemLimit) : itemLimit;
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                json(ex, 400, error("bad Content-Length"));
                return;
            }
            if (declared > requestLimit) {
                // The body is left unread, so the connection cannot carry another request: tell the client.
                ex.getResponseHeaders().set("Connection", "close");
                json(ex, 413, error(tooLarge(envelopeType, declared, requestLimit)));
                return;
            }
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, requestLimit + 1));
        }
        if (body.length > requestLimit) {
            ex.getResponseHeaders().set("Connection", "close");
            json(ex, 413, error(tooLarge(envelopeType, -1, requestLimit)));
            return;
        }
        if (body.length == 0) {
            json(ex, 400, error("empty body"));
            return;
        }
        // JSON (or untyped, or curl's default form type) is an envelope when it looks like one, and also whenever
        // there is no X-Feed: bare JSON content (a ninjs item, say) comes with X-Feed, so a JSON body without it is
        // a (bad) envelope whose problems the client needs, not a hint about X-Feed.
        boolean looksLikeEnvelope = Envelope.looksLikeEnvelope(body);
        ProducerRecord<byte[], byte[]> record;
        String id;
        String feed;
        if (envelopeType && (looksLikeEnvelope || header(ex, "X-Feed") == null)) {
            RawItem item;
            try {
                item = Envelope.parse(body);
            } catch (Envelope.InvalidEnvelopeException e) {
                ObjectNode err = error(
                        startsAnObject(body)
                                ? "invalid envelope"
                                : "invalid envelope (bare content needs a Content-Type and an X-Feed header)");
                ArrayNode problems = err.putArray("problems");
                e.problems().forEach(problems::add);
                json(ex, 400, err);
                return;
            }
            if (item.body().length > itemLimit) {
                json(
                        ex,
                        413,
                        error("item is " + item.body().length + " bytes (the envelope's decoded body), over the "
                                + "limit of " + itemLimit + " (INGEST_MAX_ITEM_BYTES)"));
                return;
            }
            id = item.id();
            feed = item.feed();
            RecordHeaders headers = new RecordHeaders();
            headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes("application/json"));
            record =
                    new ProducerRecord<>(settings.rawTopic(), null, id.getBytes(StandardCharsets.UTF_8), body, headers);
        } else {
            if (body.length > itemLimit) {
                // Read with an envelope's room, but bare content is the item itself.
                json(
                        ex,
                        413,
                        error("item is " + body.length + " bytes, over the limit of " + itemLimit
                                + " (INGEST_MAX_ITEM_BYTES)"));
                return;
            }
            List<String> notUtf8 = new ArrayList<>();
            feed = utf8Header(ex, "X-Feed", notUtf8);
            String givenId = utf8Header(ex, "X-Item-Id", notUtf8);
            String url = utf8Header(ex, "X-Url", notUtf8);
            String language = utf8Header(ex, "X-Language", notUtf8);
            String receivedAtText = utf8Header(ex, "X-Received-At", notUtf8);
            contentType = utf8Header(ex, "Content-Type", notUtf8);
            if (!notUtf8.isEmpty()) {
                ObjectNode err = error("invalid headers for a bare item");
                ArrayNode list = err.putArray("problems");
                notUtf8.forEach(list::add);
                json(ex, 400, err);
                return;
            }
            List<String> problems = new ArrayList<>();
            if (feed == null) {
                problems.add("X-Feed header required for a bare item (or send an envelope)");
            }
            problems.addAll(Envelope.fieldProblems(
                    givenId, feed, contentType, url, language, field -> FIELD_HEADERS.getOrDefault(field, field)));
            Instant receivedAt = Instant.now();
            if (receivedAtText != null) {
                receivedAt = Envelope.receivedAt(receivedAtText);
                if (receivedAt == null) {
                    problems.add("X-Received-At must be an RFC 3339 date-time with seconds and offset, like "
                            + "2024-05-01T08:00:00Z, got '" + cut(receivedAtText) + "'");
                }
            }
            if (!problems.isEmpty()) {
                ObjectNode err = error(
                        problems.size() == 1 && feed == null ? problems.get(0) : "invalid headers for a bare item");
                ArrayNode list = err.putArray("problems");
                problems.forEach(list::add);
                json(ex, 400, err);
                return;
            }
            id = givenId != null ? givenId : feed + "-" + UUID.randomUUID();
            RecordHeaders headers = new RecordHeaders();
            if (contentType != null) {
                headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(contentType));
            }
            headers.add(IngestHeaders.FEED, IngestHeaders.bytes(feed));
            headers.add(IngestHeaders.ITEM_ID, IngestHeaders.bytes(id));
            headers.add(IngestHeaders.RECEIVED_AT, IngestHeaders.bytes(receivedAt.toString()));
            if (url != null) {
                headers.add(IngestHeaders.URL, IngestHeaders.bytes(url));
            }
            if (language != null) {
                headers.add(IngestHeaders.LANGUAGE, IngestHeaders.bytes(language));
            }
            record =
                    new ProducerRecord<>(settings.rawTopic(), null, id.getBytes(StandardCharsets.UTF_8), body, headers);
        }
        RecordMetadata meta;
        // send() may itself block up to max.block.ms (bounded by KafkaClients.maxBlockAtMost); the wait for the
        // acknowledgement gets what is left of the send timeout.
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            Future<RecordMetadata> sent = backend.producer().send(record);
            meta = sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json(ex, 503, error("interrupted"));
            return;
        } catch (TimeoutException e) {
            LOG.warn("POST /items: the broker did not confirm item {} of feed {} in time", id, feed);
            json(
                    ex,
                    503,
                    error("the broker did not confirm the item within "
                            + settings.sendTimeout().toSeconds() + " s"));
            return;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("POST /items: could not send item {} of feed {}: {}", id, feed, cause.toString());
            json(
                    ex,
                    503,
                    error("the broker did not take the item: "
                            + cause.getClass().getSimpleName()));
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

    /** GET /articles, on the articles lane (method and authorization already checked). */
    private void articles(HttpExchange ex) throws IOException {
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
            values = backend.articles().newest(limit, ARTICLES_TIMEOUT);
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

    private boolean authorized(HttpExchange ex) throws IOException {
        Optional<String> token = settings.token();
        if (token.isPresent()) {
            Optional<String> presented = bearer(ex.getRequestHeaders().getFirst("Authorization"));
            if (presented.isEmpty()
                    || !MessageDigest.isEqual(
                            presented.get().getBytes(StandardCharsets.UTF_8),
                            token.get().getBytes(StandardCharsets.UTF_8))) {
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

    /**
     * The 413 message for a request body over {@code limit}: the item itself, or an envelope's request. {@code size}
     * is the declared Content-Length, or -1 when the body came without one (chunked) and was cut off at the limit.
     */
    private String tooLarge(boolean envelopeType, long size, long limit) {
        String is = size < 0 ? "is over the limit of " : "is " + size + " bytes, over the limit of ";
        if (!envelopeType) {
            return "item " + is + settings.maxItemBytes() + " (INGEST_MAX_ITEM_BYTES)";
        }
        return "request body " + is + limit + " for a JSON request (room for an envelope holding an item of "
                + settings.maxItemBytes() + " bytes, INGEST_MAX_ITEM_BYTES, as bodyBase64)";
    }

    private static String cut(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    /** Whether the first non-blank character (after a UTF-8 BOM) is an opening brace. */
    private static boolean startsAnObject(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return i < body.length && body[i] == '{';
    }

    /** The credentials of a {@code Bearer} authorization (scheme case-insensitive, RFC 9110 section 11.1). */
    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = 0;
        while (space < value.length() && value.charAt(space) != ' ' && value.charAt(space) != '\t') {
            space++;
        }
        if (!value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        String credentials = value.substring(space).strip();
        return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }

    /**
     * Whether the request has the endpoint's method; else answers 405. A GET endpoint also takes HEAD (load balancers
     * and some probes use it), answered like GET without the body ({@link #send}).
     */
    private static boolean method(HttpExchange ex, String method) throws IOException {
        boolean get = method.equals("GET");
        if (ex.getRequestMethod().equalsIgnoreCase(method) || (get && isHead(ex))) {
            return true;
        }
        ex.getResponseHeaders().add("Allow", get ? "GET, HEAD" : method);
        json(ex, 405, error("method not allowed: " + ex.getRequestMethod()));
        return false;
    }

    /**
     * A header value as UTF-8 text, or null when absent or blank. The JDK server turns each byte of a header into
     * one ISO-8859-1 character, which would mangle a UTF-8 {@code X-Item-Id: 연합-001}; the bytes are decoded as
     * UTF-8 again. A value whose bytes are not UTF-8 adds a problem naming the header and gives null.
     */
    private static String utf8Header(HttpExchange ex, String name, List<String> problems) {
        String v = header(ex, name);
        if (v == null) {
            return null;
        }
        Optional<String> text = utf8(v);
        if (text.isEmpty()) {
            problems.add(name + " is not valid UTF-8: send header values as UTF-8 (or the item as an envelope)");
            return null;
        }
        return text.get();
    }

    /** The UTF-8 text whose bytes the JDK server gave as ISO-8859-1 characters, or empty when not UTF-8. */
    static Optional<String> utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xFF) {
                return Optional.of(latin1); // Not from the wire as bytes: already text.
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
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

    private static boolean isHead(HttpExchange ex) {
        return ex.getRequestMethod().equalsIgnoreCase("HEAD");
    }

    /** Sends the answer; to a HEAD request, its status and headers only (with the Content-Length a GET would get). */
    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (isHead(ex)) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            ex.sendResponseHeaders(status, -1);
            ex.getResponseBody().close();
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (management != null) {
            management.stop(0);
            managementExecutor.shutdownNow();
        }
        server.stop(1);
        itemsLane.shutdownNow();
        articlesLane.shutdownNow();
        executor.shutdownNow();
    }
}
