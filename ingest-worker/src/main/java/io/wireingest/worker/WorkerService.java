package io.wireingest.worker;

import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.http.HttpApi;
import io.wireingest.worker.kafka.ArticleReader;
import io.wireingest.worker.kafka.BrokerErrors;
import io.wireingest.worker.kafka.DeadLetters;
import io.wireingest.worker.kafka.EmbeddedBroker;
import io.wireingest.worker.kafka.GroupLag;
import io.wireingest.worker.kafka.KafkaClients;
import io.wireingest.worker.kafka.NormalizeRecord;
import io.wireingest.worker.kafka.Samples;
import io.wireingest.worker.kafka.Topics;
import io.wireingest.worker.kafka.Worker;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole {@code run} service, wired: the embedded broker when no bootstrap servers are configured, topics, the
 * bundled samples on first start, the worker threads, metrics and the HTTP API. {@code run} adds only signal handling;
 * tests start it in-process.
 *
 * <p>Start-up order: the embedded broker's data-directory lock (when there is one), the HTTP server, the brokers,
 * then the rest. A data directory in use thus fails the start with {@link EmbeddedBroker.DataDirInUseException}
 * before the HTTP port is tried.
 */
public final class WorkerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);
    /** How long closing a client at the stop may take while the brokers are away. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /** Bound of each Admin call of the group-lag check. */
    private static final Duration GROUP_LAG_TIMEOUT = Duration.ofSeconds(10);
    /** How long the broker check must find no broker, while the threads stop, before their producers are closed. */
    static final Duration AWAY_BEFORE_FORCE = Duration.ofSeconds(5);
    /** How often the stop looks at the threads and the broker check. */
    private static final Duration STOP_POLL = Duration.ofMillis(500);

    private final WorkerConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile boolean stopRequested;
    private String bootstrap;
    private Worker worker;
    private volatile HttpApi http;
    private WorkerMetrics metrics;
    private GroupLag groupLag;
    /** The broker check of /health/ready, also asked while the worker threads stop; null before start-up reached it. */
    private volatile BrokerProbe brokerProbe;

    public WorkerService(WorkerConfig config) {
        this.config = config;
    }

    /** Start-up was given up because a stop was requested ({@link #requestStop}) before it finished. */
    public static final class StartCancelledException extends Exception {
        private static final long serialVersionUID = 1L;

        StartCancelledException() {
            super("start-up cancelled: stop requested");
        }
    }

    /** The Kafka brokers did not answer within the start-up wait. */
    public static final class BrokersUnreachableException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        BrokersUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Asks a {@link #start} in progress (on another thread, e.g. from a signal handler) to give up at its next step:
     * it then fails with {@link StartCancelledException}. While waiting for the brokers it notices within a fraction
     * of a second. After start-up this only marks the service as stopping; {@link #stop} stops it.
     */
    public void requestStop() {
        stopRequested = true;
    }

    private void checkStop() throws StartCancelledException {
        if (stopRequested) {
            throw new StartCancelledException();
        }
    }

    /** Starts everything; on failure, closes what was started and rethrows. */
    public WorkerService start() throws Exception {
        try {
            doStart();
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void doStart() throws Exception {
        metrics = WorkerMetrics.prometheus();
        resources.add(0, metrics);
        bootstrap = config.bootstrapServers().orElse(null);
        EmbeddedBroker.DirLock dirLock = null;
        if (bootstrap == null) {
            // Before the HTTP port: a second run on the same data directory (and so, as a rule, the same port) is
            // refused for the directory, the true cause, not for the port. Closing the handle releases the lock
            // until it is handed to the broker, after which the broker releases it.
            dirLock = EmbeddedBroker.lock(config.dataDir().resolve("kafka"));
            resources.add(dirLock);
        }
        if (config.httpPort() >= 0) {
            // Before the brokers, so that /health/live and /metrics answer while they are awaited; the Kafka-facing
            // endpoints answer 503 starting until attached below.
            startHttp();
        }
        EmbeddedBroker broker = null;
        if (dirLock != null) {
            LOG.info(
                    "KAFKA_BOOTSTRAP_SERVERS is not set: starting an embedded broker (data in {})",
                    dirLock.dir().toAbsolutePath());
            broker = EmbeddedBroker.start(dirLock, config.embeddedPort(), config.kafkaMessageBytes());
            resources.add(broker);
            bootstrap = broker.bootstrapServers();
        }
        KafkaClients clients = new KafkaClients(config, bootstrap);
        awaitBrokers(config, clients, broker != null, this::checkStop);

        Admin admin = Admin.create(clients.admin("wire-ingest-admin"));
        // Bounded: Admin.close() waits for every call in flight, up to 60 s while the brokers are away.
        resources.add(0, new Closing("the admin client", () -> admin.close(CLOSE_TIMEOUT)));
        if (config.createTopics()) {
            Topics.ensure(
                    admin,
                    config.rawTopic(),
                    config.articlesTopic(),
                    config.rejectedTopic(),
                    config.partitions(),
                    config.replicationFactor(),
                    config.kafkaMessageBytes());
        }
        // Topics made before the item limit was raised: the embedded broker's are raised, an external cluster's
        // are reported.
        Topics.fitMessageSize(
                admin,
                List.of(config.rawTopic(), config.articlesTopic(), config.rejectedTopic()),
                config.kafkaMessageBytes(),
                broker != null);
        // The group's lag on the raw topic, whoever owns the partitions (ingest_group_lag); closed before the admin.
        groupLag = new GroupLag(admin, config.groupId(), config.rawTopic(), metrics, GROUP_LAG_TIMEOUT)
                .start(GroupLag.INTERVAL);
        resources.add(0, groupLag);
        // Bounded blocking: with Kafka's default max.block.ms a POST /items would wait 60 s for an absent broker.
        KafkaProducer<byte[], byte[]> itemProducer = new KafkaProducer<>(
                KafkaClients.maxBlockAtMost(clients.producer("wire-ingest-http"), config.httpSendTimeout()));
        // Bounded: what POST /items sent and the brokers never confirmed was answered 503 already.
        resources.add(0, new Closing("the POST /items producer", () -> itemProducer.close(CLOSE_TIMEOUT)));
        if (broker != null && config.publishSamples()) {
            Path marker = broker.dir().resolve("samples-published");
            if (!Files.exists(marker)) {
                int n = Samples.publish(itemProducer, config.rawTopic());
                Files.writeString(marker, Instant.now() + "\n");
                LOG.info("published {} bundled sample items to {} (first start only)", n, config.rawTopic());
            }
        }
        checkStop();
        IngestPipeline pipeline = IngestPipeline.create(config.limits());
        warmUp(pipeline);
        checkStop();
        DeadLetters deadLetters = new DeadLetters(config.rejectedTopic(), config.maxRecordBytes());
        WorkerMetrics m = metrics;
        worker = new Worker(
                config,
                clients,
                config.rawTopic(),
                () -> new NormalizeRecord(pipeline, config.articlesTopic(), deadLetters, config.maxRecordBytes(), m),
                metrics);
        Worker w = worker;
        BrokerProbe probe = new BrokerProbe(admin);
        brokerProbe = probe;
        // The first check starts now, so that the first readiness probe finds an answer.
        probe.answers();
        if (http != null) {
            ArticleReader reader = new ArticleReader(clients, config.articlesTopic());
            resources.add(0, reader);
            http.attach(new HttpApi.Backend(() -> w.ready() && probe.answers(), itemProducer, reader::newest));
        }
        checkStop();
        worker.start();
        if (http != null) {
            String url = http.baseUrl();
            LOG.info(
                    "wire-ingest running. Kafka: {}. HTTP: {}/health/live {}/health/ready {}/metrics "
                            + "POST {}/items GET {}/articles",
                    bootstrap,
                    url,
                    url,
                    url,
                    url,
                    url);
        } else {
            LOG.info("wire-ingest running. Kafka: {}. HTTP off", bootstrap);
        }
    }

    private void startHttp() throws java.io.IOException {
        try {
            http = new HttpApi(
                    new HttpApi.Settings(
                            config.httpHost(),
                            config.httpPort(),
                            config.httpToken(),
                            config.maxItemBytes(),
                            config.articlesLimit(),
                            config.rawTopic(),
                            config.httpSendTimeout(),
                            config.httpPostConcurrency(),
                            config.httpReadTimeout(),
                            config.managementPort()),
                    metrics);
        } catch (HttpApi.ManagementBindException e) {
            throw new java.io.IOException(
                    "the management HTTP server cannot listen on " + config.httpHost() + ":" + config.managementPort()
                            + " (" + WorkerConfig.HTTP_HOST.env() + ", " + WorkerConfig.MANAGEMENT_PORT.env() + "): "
                            + e.getMessage(),
                    e);
        } catch (java.net.BindException e) {
            throw new java.io.IOException(
                    "the HTTP server cannot listen on " + config.httpHost() + ":" + config.httpPort() + " ("
                            + WorkerConfig.HTTP_HOST.env() + ", " + WorkerConfig.HTTP_PORT.env() + "): "
                            + e.getMessage(),
                    e);
        }
        http.start();
        LOG.info(
                "HTTP API listening at {}: /health/live and /metrics answer now, the rest once the worker runs",
                http.baseUrl());
        http.managementBaseUrl()
                .ifPresent(url -> LOG.info(
                        "management HTTP server listening at {}: /health/live, /health/ready and /metrics only", url));
    }

    /** What {@link #awaitBrokers} asks between its checks: throws to give the wait up. */
    @FunctionalInterface
    public interface StopCheck {
        /** Throws when the wait is to be given up. */
        void check() throws StartCancelledException;

        /** Never gives up before the broker wait is over. */
        StopCheck NEVER = () -> {};
    }

    /**
     * Waits, bounded by the broker wait ({@code INGEST_BROKER_WAIT_MS}) and cancellable through {@code stop}, until the
     * brokers answer, so that an unreachable broker is reported as such (naming the address and where it came from)
     * instead of as a later timeout, and a SIGTERM meanwhile stops at once. Used by {@code run} and {@code bench}.
     *
     * @param embedded whether the servers are an embedded broker's; else the message names the key they were set by
     *     ({@link WorkerConfig#nameOf})
     * @throws BrokersUnreachableException when the brokers do not answer in time, or refuse the client's
     *     authentication
     */
    public static void awaitBrokers(WorkerConfig config, KafkaClients clients, boolean embedded, StopCheck stop)
            throws Exception {
        stop.check();
        String source = embedded ? "the embedded broker" : config.nameOf(WorkerConfig.BOOTSTRAP_SERVERS);
        String bootstrap = clients.bootstrapServers();
        LOG.info("waiting for the Kafka brokers at {} (up to {})", bootstrap, waitText(config));
        long deadline = System.nanoTime() + config.brokerWait().toNanos();
        Map<String, Object> settings = clients.admin("wire-ingest-start");
        Object protocol = settings.get(org.apache.kafka.clients.CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        Admin probe = Admin.create(settings);
        try {
            var answer = probe.describeCluster(new org.apache.kafka.clients.admin.DescribeClusterOptions()
                            .timeoutMs((int) Math.max(1, config.brokerWait().toMillis())))
                    .clusterId();
            while (true) {
                stop.check();
                long left = deadline - System.nanoTime();
                try {
                    answer.get(Math.max(1, Math.min(TimeUnit.MILLISECONDS.toNanos(250), left)), TimeUnit.NANOSECONDS);
                    return;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (left <= 0) {
                        throw unreachable(config, bootstrap, source, BrokerErrors.handshakeHint(probe, protocol), null);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                        throw unreachable(
                                config, bootstrap, source, BrokerErrors.handshakeHint(probe, protocol), e.getCause());
                    }
                    if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException auth) {
                        throw new BrokersUnreachableException(
                                "the Kafka brokers at " + bootstrap + " (" + source + ") refused the connection: "
                                        + auth.getMessage() + "; " + BrokerErrors.CHECK_SECURITY,
                                auth);
                    }
                    throw e;
                }
            }
        } finally {
            // Do not wait for a request the broker will never answer.
            probe.close(Duration.ZERO);
        }
    }

    /** The broker wait as people write it: {@code 30 s}, or {@code 1500 ms}. */
    private static String waitText(WorkerConfig config) {
        long ms = config.brokerWait().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static BrokersUnreachableException unreachable(
            WorkerConfig config, String bootstrap, String source, String hint, Throwable cause) {
        return new BrokersUnreachableException(
                "cannot reach the Kafka brokers at " + bootstrap + " (" + source + ") within " + waitText(config) + " ("
                        + config.nameOf(WorkerConfig.BROKER_WAIT_MS) + ")" + (hint == null ? "" : "; " + hint),
                cause);
    }

    /**
     * Runs the bundled samples through the pipeline once before consuming, so that model loading (language
     * detection) and class loading do not land on the first real items' latency.
     */
    private static void warmUp(IngestPipeline pipeline) {
        long start = System.nanoTime();
        try {
            for (Samples.Sample s : Samples.load()) {
                pipeline.process(io.wireingest.core.model.RawItem.of(
                        s.itemId(), s.feed(), s.contentType(), Instant.now(), s.body()));
            }
            LOG.info("pipeline warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("pipeline warm-up skipped: {}", e.toString());
        }
    }

    /** The bootstrap servers in use (the embedded broker's when there is one). */
    public String bootstrapServers() {
        return bootstrap;
    }

    /** The HTTP API, when enabled. */
    public Optional<HttpApi> http() {
        return Optional.ofNullable(http);
    }

    public Worker worker() {
        return worker;
    }

    public WorkerMetrics metrics() {
        return metrics;
    }

    /** The group-lag check ({@code ingest_group_lag}), once start-up has reached the brokers. */
    public Optional<GroupLag> groupLag() {
        return Optional.ofNullable(groupLag);
    }

    /** Whether the worker threads have all ended (a fatal error, or after {@link #stop}). */
    public boolean terminated() throws InterruptedException {
        return worker == null || worker.awaitTermination(Duration.ZERO);
    }

    /**
     * Stops the worker threads (each finishes or aborts its transaction) and waits.
     *
     * @return the exit code: 0 after a clean stop, 1 after a fatal error or when threads did not stop in time
     */
    public int stop() throws InterruptedException {
        int exit = 0;
        if (worker != null) {
            worker.stop();
            if (!awaitWorkerStop()) {
                LOG.error("worker threads did not stop within {}", config.shutdownTimeout());
                exit = Worker.EXIT_FATAL;
            }
            if (worker.fatal().isPresent()) {
                // The error itself was logged in full when it happened ("... hit a fatal error; stopping the worker").
                LOG.error(
                        "stopped after a fatal error in {} (logged above)",
                        worker.fatalThread().orElse("a worker thread"));
                exit = Worker.EXIT_FATAL;
            }
        }
        return exit;
    }

    /**
     * Waits up to the shutdown timeout for the worker threads to finish or abort their transactions. A thread blocked
     * in a producer call waits up to the producer's {@code max.block.ms} (60 s by default) for brokers that are away,
     * and an abort may then be retried; so once the broker check has found no broker for {@link #AWAY_BEFORE_FORCE}
     * while the threads are stopping, their producers are closed at once instead ({@link Worker#forceStop}): the
     * brokers are not there to finish anything, and their open transactions are left to them, whole or nothing.
     *
     * @return whether every thread ended in time
     */
    private boolean awaitWorkerStop() throws InterruptedException {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        long awaySince = 0;
        boolean forced = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (worker.awaitTermination(Duration.ofNanos(Math.min(left, STOP_POLL.toNanos())))) {
                return true;
            }
            BrokerProbe probe = brokerProbe;
            if (forced || probe == null) {
                continue;
            }
            long now = System.nanoTime();
            if (probe.answers()) {
                awaySince = 0;
            } else if (awaySince == 0) {
                awaySince = now;
            } else if (now - awaySince >= AWAY_BEFORE_FORCE.toNanos()) {
                LOG.warn(
                        "the Kafka brokers have not answered for {} s while the worker threads stop; closing their"
                                + " producers instead of waiting for the brokers",
                        AWAY_BEFORE_FORCE.toSeconds());
                worker.forceStop();
                forced = true;
            }
        }
    }

    /** Closes everything (after {@link #stop}). */
    @Override
    public void close() {
        if (http != null) {
            // First: no request may reach a producer or reader being closed.
            http.close();
            http = null;
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn(
                        "closing {} failed: {}",
                        r instanceof Closing c ? c.what() : r.getClass().getSimpleName(),
                        e.toString());
            }
        }
        resources.clear();
    }

    /** A resource closed by {@code action} (within a bound), named for the log. */
    private record Closing(String what, AutoCloseable action) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            action.close();
        }
    }

    /**
     * Whether the broker answers, for /health/ready: never blocks the probe. It answers from the latest check and,
     * when that is more than {@link #RECHECK_NANOS} old, starts the next one in the background (one at a time, each
     * bounded by {@link #CHECK_TIMEOUT_MS}), so a probe with a one-second timeout is answered at once while the
     * brokers are away, and timed-out probes leave no calls piling up in the admin client.
     */
    static final class BrokerProbe {
        static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);
        static final int CHECK_TIMEOUT_MS = 2000;
        private final Admin admin;
        private final AtomicBoolean asking = new AtomicBoolean();
        private volatile long checkedAt;
        private volatile boolean answered;

        BrokerProbe(Admin admin) {
            this.admin = admin;
        }

        /** The latest answer (false until the first check has answered). */
        boolean answers() {
            long now = System.nanoTime();
            if ((checkedAt == 0 || now - checkedAt > RECHECK_NANOS) && asking.compareAndSet(false, true)) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(CHECK_TIMEOUT_MS))
                            .clusterId()
                            .whenComplete((id, error) -> done(error == null));
                } catch (RuntimeException e) {
                    done(false);
                }
            }
            return answered;
        }

        /** Whether a check is in flight (tests). */
        boolean checking() {
            return asking.get();
        }

        private void done(boolean ok) {
            answered = ok;
            checkedAt = System.nanoTime();
            asking.set(false);
        }
    }
}
