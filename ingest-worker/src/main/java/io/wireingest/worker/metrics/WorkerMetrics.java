package io.wireingest.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wireingest.core.pipeline.StageName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Every meter of the worker, named once here (lowercase dotted names; Prometheus shows them with underscores and a
 * {@code _total} / {@code _seconds} suffix). Tags come from bounded sets only: stage ids and rejection reasons.
 */
public final class WorkerMetrics implements AutoCloseable {
    /** Raw records read from the raw topic. */
    public static final String ITEMS_CONSUMED = "ingest.items.consumed";
    /** Articles written to the articles topic (committed or not yet). */
    public static final String ARTICLES_PUBLISHED = "ingest.articles.published";
    /** Items sent to the dead-letter topic, tagged {@code stage} and {@code reason}. */
    public static final String ITEMS_REJECTED = "ingest.items.rejected";
    /** Time spent per pipeline stage, tagged {@code stage}. */
    public static final String STAGE_DURATION = "ingest.stage.duration";
    /** From an item's {@code receivedAt} to the commit of the transaction that published it. */
    public static final String END_TO_END_LATENCY = "ingest.end.to.end.latency";
    /** Transactions committed. */
    public static final String TRANSACTIONS_COMMITTED = "ingest.transactions.committed";
    /** Transactions aborted, tagged {@code cause} (retriable, rebalance, fatal, shutdown). */
    public static final String TRANSACTIONS_ABORTED = "ingest.transactions.aborted";
    /** From the end of a poll to the commit of its transaction: how long records wait inside the worker. */
    public static final String TRANSACTION_DURATION = "ingest.transaction.duration";
    /** Records per transaction. */
    public static final String BATCH_SIZE = "ingest.batch.size";
    /** Records behind the end of the raw topic, summed over this JVM's assigned partitions. */
    public static final String CONSUMER_LAG = "ingest.consumer.lag";
    /** Items accepted by POST /items. */
    public static final String HTTP_ITEMS_ACCEPTED = "ingest.http.items.accepted";

    public static final String HTTP_BUSY = "ingest.http.requests.busy";
    /** The {@code name} tag of the transform pool's {@code executor_*} metrics. */
    public static final String TRANSFORM_POOL = "ingest.transform";

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final Counter consumed;
    private final Counter published;
    private final Counter committed;
    private final DistributionSummary batchSize;
    private final Timer endToEnd;
    private final Timer transaction;
    private final Map<StageName, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> aborted = new ConcurrentHashMap<>();
    private final Map<String, Counter> busy = new ConcurrentHashMap<>();
    private final Map<Object, AtomicLong> lagByThread = new ConcurrentHashMap<>();
    private final List<KafkaClientMetrics> clientMetrics = new CopyOnWriteArrayList<>();
    private final Counter httpAccepted;

    /** Metrics backed by a Prometheus registry, with JVM and process meters bound. */
    public static WorkerMetrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new WorkerMetrics(registry, registry);
    }

    /** Metrics on any registry (tests use a simple one). */
    public WorkerMetrics(MeterRegistry registry) {
        this(registry, registry instanceof PrometheusMeterRegistry p ? p : null);
    }

    private WorkerMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.consumed = Counter.builder(ITEMS_CONSUMED)
                .description("Raw records read from the raw topic")
                .register(registry);
        this.published = Counter.builder(ARTICLES_PUBLISHED)
                .description("Articles sent to the articles topic")
                .register(registry);
        this.committed = Counter.builder(TRANSACTIONS_COMMITTED)
                .description("Transactions committed")
                .register(registry);
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Records per transaction")
                .register(registry);
        this.endToEnd = Timer.builder(END_TO_END_LATENCY)
                .description("From the item's receivedAt to the commit that published it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.transaction = Timer.builder(TRANSACTION_DURATION)
                .description("From the end of a poll to the commit of its transaction")
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        this.httpAccepted = Counter.builder(HTTP_ITEMS_ACCEPTED)
                .description("Items accepted by POST /items")
                .register(registry);
        Gauge.builder(
                        CONSUMER_LAG,
                        lagByThread,
                        m -> m.values().stream().mapToLong(AtomicLong::get).sum())
                .description("Records behind the end of the raw topic on this JVM's partitions")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition, or a note when the registry is not Prometheus. */
    public String scrape() {
        return prometheus == null ? "# no prometheus registry\n" : prometheus.scrape();
    }

    public void consumed(int records) {
        consumed.increment(records);
    }

    public void published(int articles) {
        published.increment(articles);
    }

    public void rejected(String stage, String reason) {
        rejected.computeIfAbsent(
                        List.of(stage, reason),
                        k -> Counter.builder(ITEMS_REJECTED)
                                .description("Items sent to the dead-letter topic")
                                .tag("stage", stage)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    public void stageNanos(Map<StageName, Long> nanos) {
        nanos.forEach((stage, n) -> stageTimers
                .computeIfAbsent(
                        stage,
                        s -> Timer.builder(STAGE_DURATION)
                                .description("Time spent per pipeline stage")
                                .tag("stage", s.id())
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(10_000))
                                .maximumExpectedValue(Duration.ofSeconds(10))
                                .register(registry))
                .record(n, TimeUnit.NANOSECONDS));
    }

    public void endToEnd(Duration latency) {
        if (!latency.isNegative()) {
            endToEnd.record(latency);
        }
    }

    public void committed(int batchRecords) {
        committed.increment();
        batchSize.record(batchRecords);
    }

    public void transaction(Duration duration) {
        transaction.record(duration);
    }

    /** The transaction-duration timer (the benchmark reads its percentiles). */
    public Timer transactionTimer() {
        return transaction;
    }

    /** Records consumed and committed so far. */
    public double consumedCount() {
        return consumed.count();
    }

    public void aborted(String cause) {
        aborted.computeIfAbsent(
                        cause,
                        c -> Counter.builder(TRANSACTIONS_ABORTED)
                                .description("Transactions aborted")
                                .tag("cause", c)
                                .register(registry))
                .increment();
    }

    public void httpAccepted() {
        httpAccepted.increment();
    }

    /** A request to {@code path} (/items or /articles) answered 503 busy because its pool was full. */
    public void httpBusy(String path) {
        busy.computeIfAbsent(
                        path,
                        p -> Counter.builder(HTTP_BUSY)
                                .description("HTTP requests answered 503 busy (all of the endpoint's threads taken)")
                                .tag("path", p)
                                .register(registry))
                .increment();
    }

    /** Sets the lag seen by one consumer thread. */
    public void lag(Object thread, long records) {
        lagByThread.computeIfAbsent(thread, t -> new AtomicLong()).set(records);
    }

    /** Forgets a stopped thread's lag. */
    public void forget(Object thread) {
        lagByThread.remove(thread);
    }

    /** Binds a Kafka consumer's client metrics ({@code kafka.consumer.*}). */
    /**
     * Micrometer's executor metrics for the worker's transform pool, tag {@code name=ingest.transform}: active
     * threads, queued records, completed transforms, pool size. A queue that stays long means the pipeline, not Kafka,
     * limits throughput.
     */
    public void bindTransformPool(java.util.concurrent.ExecutorService pool) {
        new ExecutorServiceMetrics(pool, TRANSFORM_POOL, Tags.empty()).bindTo(registry);
    }

    public KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics m = new KafkaClientMetrics(consumer);
        m.bindTo(registry);
        clientMetrics.add(m);
        return m;
    }

    /** Binds a Kafka producer's client metrics ({@code kafka.producer.*}). */
    public KafkaClientMetrics bind(Producer<?, ?> producer) {
        KafkaClientMetrics m = new KafkaClientMetrics(producer);
        m.bindTo(registry);
        clientMetrics.add(m);
        return m;
    }

    /** Unbinds client metrics of a closed client. */
    public void unbind(KafkaClientMetrics m) {
        if (m != null) {
            m.close();
            clientMetrics.remove(m);
        }
    }

    @Override
    public void close() {
        clientMetrics.forEach(KafkaClientMetrics::close);
        clientMetrics.clear();
    }
}
