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
 * {@code _total} / {@code _seconds} suffix). Tags come from bounded sets only: stage ids, rejection reasons, abort
 * causes, the two busy-able HTTP paths and the raw topic.
 *
 * <p>Counters whose tags are known up front (every abort {@link #ABORT_CAUSES cause}, both {@link #BUSY_PATHS busy
 * paths}) are registered at 0 when the metrics are created, so that their series exist before the first event and a
 * dashboard or {@code increase()} sees 0 rather than no data.
 *
 * <p>Timers are Prometheus histograms ({@code _bucket}, {@code _count}, {@code _sum}, {@code _max}): percentiles are
 * computed server-side with {@code histogram_quantile}, which aggregates over workers. Micrometer's Prometheus
 * registry cannot expose client-side percentiles on a histogram, so none are asked of it.
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
    /**
     * From an item's {@code receivedAt} to the commit of the transaction that published its articles; items that
     * became dead letters are not recorded. An old {@code receivedAt} (a backfill) lands in the top buckets.
     */
    public static final String END_TO_END_LATENCY = "ingest.end.to.end.latency";
    /**
     * From the Kafka timestamp of a raw record (when it was produced to the raw topic) to the commit of the
     * transaction that consumed it, for every committed record: time in Kafka and in the worker, unaffected by the
     * item's own {@code receivedAt}.
     */
    public static final String PIPELINE_DELAY = "ingest.pipeline.delay";
    /** Transactions committed. */
    public static final String TRANSACTIONS_COMMITTED = "ingest.transactions.committed";
    /**
     * Transactions aborted, tagged {@code cause}: {@code retriable} (a retriable broker error; the batch is retried),
     * {@code rebalance} (the group rebalanced under it; re-read), {@code fatal} (a consumer thread stopped on an error
     * it cannot get past, retries exhausted included; the process exits 1 right after).
     */
    public static final String TRANSACTIONS_ABORTED = "ingest.transactions.aborted";

    /** Every {@code cause} of {@link #TRANSACTIONS_ABORTED}, registered at 0 up front. */
    public static final List<String> ABORT_CAUSES = List.of("retriable", "rebalance", "fatal");
    /**
     * Batches cut short because their transaction had been open for the longest a batch may take (slow items): the
     * records published so far were committed, the rest read again.
     */
    public static final String BATCHES_CUT = "ingest.batches.cut";
    /** From the end of a poll to the commit of its transaction: how long records wait inside the worker. */
    public static final String TRANSACTION_DURATION = "ingest.transaction.duration";
    /** Records per transaction. */
    public static final String BATCH_SIZE = "ingest.batch.size";
    /**
     * Records behind the end of the raw topic, summed over this JVM's assigned partitions (0 for partitions no live
     * thread of this JVM owns, e.g. those of a dead worker before the rebalance): a per-worker view.
     */
    public static final String CONSUMER_LAG = "ingest.consumer.lag";
    /**
     * The consumer group's lag on the raw topic, tagged {@code topic}, read from the brokers (end offsets minus the
     * group's committed offsets over all partitions, whoever owns them): the same value on every worker.
     */
    public static final String GROUP_LAG = "ingest.group.lag";
    /**
     * Partitions of the raw topic with lag whose committed offset did not move between two group-lag checks, tagged
     * {@code topic}: nobody is making progress on them.
     */
    public static final String GROUP_STALLED_PARTITIONS = "ingest.group.stalled.partitions";
    /** Items accepted by POST /items. */
    public static final String HTTP_ITEMS_ACCEPTED = "ingest.http.items.accepted";
    /** Requests answered 503 busy because the endpoint's threads were all taken, tagged {@code path}. */
    public static final String HTTP_BUSY = "ingest.http.requests.busy";

    /** The paths that can answer busy ({@link #HTTP_BUSY}), registered at 0 up front. */
    public static final List<String> BUSY_PATHS = List.of("/items", "/articles");
    /** The {@code name} tag of the transform pool's {@code executor_*} metrics. */
    public static final String TRANSFORM_POOL = "ingest.transform";

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final Counter consumed;
    private final Counter published;
    private final Counter committed;
    private final Counter batchesCut;
    private final DistributionSummary batchSize;
    private final Timer endToEnd;
    private final Timer pipelineDelay;
    private final Timer transaction;
    private final Map<StageName, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> aborted = new ConcurrentHashMap<>();
    private final Map<String, Counter> busy = new ConcurrentHashMap<>();
    private final Map<Object, AtomicLong> lagByThread = new ConcurrentHashMap<>();
    private final Map<String, GroupLagState> groupLag = new ConcurrentHashMap<>();
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
        this.batchesCut = Counter.builder(BATCHES_CUT)
                .description("Batches cut short (committed in part, the rest read again) because their transaction had"
                        + " been open for the longest a batch may take")
                .register(registry);
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Records per transaction")
                .register(registry);
        this.endToEnd = Timer.builder(END_TO_END_LATENCY)
                .description("From the item's receivedAt to the commit that published its articles")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.pipelineDelay = Timer.builder(PIPELINE_DELAY)
                .description("From the raw record's Kafka timestamp to the commit that consumed it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        Timer.Builder transactionTimer = Timer.builder(TRANSACTION_DURATION)
                .description("From the end of a poll to the commit of its transaction")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5));
        if (prometheus == null) {
            // For the benchmark, which reads p50/p99 from a simple registry. Prometheus gets the histogram only.
            transactionTimer.publishPercentiles(0.5, 0.99);
        }
        this.transaction = transactionTimer.register(registry);
        for (String cause : ABORT_CAUSES) {
            abortCounter(cause);
        }
        for (String path : BUSY_PATHS) {
            busyCounter(path);
        }
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

    /** Records the end-to-end latency of an item published as articles (ignored when negative: clock skew). */
    public void endToEnd(Duration latency) {
        if (!latency.isNegative()) {
            endToEnd.record(latency);
        }
    }

    /** Records the time from a raw record's Kafka timestamp to its commit (ignored when negative: clock skew). */
    public void pipelineDelay(Duration delay) {
        if (!delay.isNegative()) {
            pipelineDelay.record(delay);
        }
    }

    public void committed(int batchRecords) {
        committed.increment();
        batchSize.record(batchRecords);
    }

    /** A batch cut short: committed in part, the rest read again. */
    public void batchCut() {
        batchesCut.increment();
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

    /** Counts an aborted transaction (or a thread stopped by a fatal error) under one of {@link #ABORT_CAUSES}. */
    public void aborted(String cause) {
        abortCounter(cause).increment();
    }

    private Counter abortCounter(String cause) {
        return taggedCounter(
                aborted,
                TRANSACTIONS_ABORTED,
                "Transactions aborted (cause fatal: a consumer thread stopped; the process exits)",
                "cause",
                cause);
    }

    public void httpAccepted() {
        httpAccepted.increment();
    }

    /** A request to {@code path} (/items or /articles) answered 503 busy because its pool was full. */
    public void httpBusy(String path) {
        busyCounter(path).increment();
    }

    private Counter busyCounter(String path) {
        return taggedCounter(
                busy, HTTP_BUSY, "HTTP requests answered 503 busy (all of the endpoint's threads taken)", "path", path);
    }

    /** The counter {@code name} with one tag, registered once and kept in {@code byValue}. */
    private Counter taggedCounter(
            Map<String, Counter> byValue, String name, String description, String tag, String value) {
        return byValue.computeIfAbsent(
                value,
                v -> Counter.builder(name).description(description).tag(tag, v).register(registry));
    }

    /** Sets the lag seen by one consumer thread. */
    public void lag(Object thread, long records) {
        lagByThread.computeIfAbsent(thread, t -> new AtomicLong()).set(records);
    }

    /** Forgets a stopped thread's lag. */
    public void forget(Object thread) {
        lagByThread.remove(thread);
    }

    /**
     * Registers the group-lag gauges ({@link #GROUP_LAG}, {@link #GROUP_STALLED_PARTITIONS}) of {@code topic}, NaN
     * (unknown) until {@link #groupLag(String, long, int)} sets them.
     */
    public void registerGroupLag(String topic) {
        groupLagState(topic);
    }

    /** Sets the group's lag on {@code topic} and the partitions with lag where nothing was committed. */
    public void groupLag(String topic, long records, int stalledPartitions) {
        GroupLagState state = groupLagState(topic);
        state.lag = records;
        state.stalled = stalledPartitions;
    }

    /** The group's lag on {@code topic} could not be read: the gauges read NaN until the next success. */
    public void groupLagUnknown(String topic) {
        GroupLagState state = groupLagState(topic);
        state.lag = Double.NaN;
        state.stalled = Double.NaN;
    }

    private GroupLagState groupLagState(String topic) {
        return groupLag.computeIfAbsent(topic, t -> {
            GroupLagState state = new GroupLagState();
            Gauge.builder(GROUP_LAG, state, s -> s.lag)
                    .description("The consumer group's lag on the topic, over all partitions (same on every worker)")
                    .tag("topic", t)
                    .register(registry);
            Gauge.builder(GROUP_STALLED_PARTITIONS, state, s -> s.stalled)
                    .description("Partitions with lag whose committed offset did not move since the previous check")
                    .tag("topic", t)
                    .register(registry);
            return state;
        });
    }

    /** Held strongly here: Micrometer's gauges keep only a weak reference to what they read. */
    private static final class GroupLagState {
        volatile double lag = Double.NaN;
        volatile double stalled = Double.NaN;
    }

    /**
     * Micrometer's executor metrics for the worker's transform pool, tag {@code name=ingest.transform}: active
     * threads, queued records, completed transforms, pool size. A queue that stays long means the pipeline, not Kafka,
     * limits throughput.
     */
    public void bindTransformPool(java.util.concurrent.ExecutorService pool) {
        new ExecutorServiceMetrics(pool, TRANSFORM_POOL, Tags.empty()).bindTo(registry);
    }

    /** Binds a Kafka consumer's client metrics ({@code kafka.consumer.*}). */
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
