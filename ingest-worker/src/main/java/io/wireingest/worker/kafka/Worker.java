package io.wireingest.worker.kafka;

import io.wireingest.worker.config.ConfigKey;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer threads of one JVM: {@code INGEST_THREADS} {@link TransactionalLoop}s in one consumer group, with
 * transactional ids {@code <prefix>-<instance>-<n>} (stable across restarts, so a restarted worker fences its
 * predecessor's zombie and aborts its open transaction at once). When one thread hits a fatal error, all stop and
 * {@link #exitCode()} is non-zero; so too when anything at all (an {@link Error} such as out of memory) escapes a
 * thread: a consumer thread never ends quietly while the others carry on or the process exits 0.
 *
 * <p>The pipeline itself runs on a pool of {@code INGEST_TRANSFORM_THREADS} threads shared by the consumer threads
 * (see {@link TransactionalLoop}), so the work of one batch spreads over all cores whatever the partition layout.
 */
public final class Worker {
    /** Exit code of a worker stopped by a fatal error. */
    public static final int EXIT_FATAL = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final TransactionalLoop.ClientFactory clients;
    private final String inputTopic;
    private final Supplier<RecordTransform> transforms;
    private final WorkerMetrics metrics;
    private final List<TransactionalLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    /** The thread that hit {@link #fatal} (set right after it). */
    private volatile String fatalThread;

    private CountDownLatch done;
    private ExecutorService transformPool;

    /**
     * @param inputTopic the topic to consume
     * @param transforms one transform per consumer thread; with a transform pool it is called from several
     *     threads at once and must be thread-safe
     */
    public Worker(
            WorkerConfig config,
            KafkaClients clients,
            String inputTopic,
            Supplier<RecordTransform> transforms,
            WorkerMetrics metrics) {
        this(config, (TransactionalLoop.ClientFactory) clients, inputTopic, transforms, metrics);
    }

    /** With other clients than Kafka's (tests: Kafka's mock clients). */
    Worker(
            WorkerConfig config,
            TransactionalLoop.ClientFactory clients,
            String inputTopic,
            Supplier<RecordTransform> transforms,
            WorkerMetrics metrics) {
        this.config = config;
        this.clients = clients;
        this.inputTopic = inputTopic;
        this.transforms = transforms;
        this.metrics = metrics;
    }

    /** Starts the threads. */
    public synchronized void start() {
        if (done != null) {
            throw new IllegalStateException("already started");
        }
        int n = config.threads();
        done = new CountDownLatch(n);
        DeadLetters deadLetters = new DeadLetters(config.rejectedTopic(), config.maxRecordBytes());
        TransactionalLoop.Settings settings = new TransactionalLoop.Settings(
                config.pollTimeout(),
                config.retryBackoff(),
                config.retryBackoffMax(),
                config.maxRetries(),
                config.maxBatchTime(),
                config.transactionTimeout());
        String instance = config.instanceId();
        int poolSize = config.transformThreads();
        if (poolSize > 0) {
            AtomicInteger count = new AtomicInteger();
            transformPool = Executors.newFixedThreadPool(poolSize, r -> {
                Thread t = new Thread(r, "transform-" + count.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            metrics.bindTransformPool(transformPool);
        }
        ExecutorService pool = transformPool;
        for (int i = 0; i < n; i++) {
            String name = "ingest-" + i;
            TransactionalLoop loop = new TransactionalLoop(
                    name,
                    clients,
                    config.groupId(),
                    inputTopic,
                    config.transactionalIdPrefix() + "-" + instance + "-" + i,
                    transforms.get(),
                    pool,
                    deadLetters,
                    metrics,
                    settings,
                    (l, error) -> fatal(l.name(), error));
            loops.add(loop);
            Thread t = new Thread(
                    () -> {
                        try {
                            loop.run();
                        } catch (Throwable error) {
                            // The loop reports its own failures; this is what escaped it all the same.
                            fatal(name, error);
                        } finally {
                            done.countDown();
                            if (done.getCount() == 0 && pool != null) {
                                pool.shutdownNow();
                            }
                        }
                    },
                    name);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        LOG.info(
                "worker {} started {} consumer thread(s) and {}: group {}, {} → {} / {}",
                instance,
                n,
                poolSize > 0 ? poolSize + " transform thread(s)" : "no transform pool",
                config.groupId(),
                inputTopic,
                config.articlesTopic(),
                config.rejectedTopic());
    }

    /** The first fatal error stops every thread; later ones (the others' reactions to the stop) are not logged. */
    private void fatal(String thread, Throwable error) {
        if (fatal.compareAndSet(null, error)) {
            fatalThread = thread;
            try {
                // The one line with the error in full: later lines refer back to it.
                LOG.error("{} hit a fatal error; stopping the worker: {}", thread, describeFatal(error));
            } catch (Throwable t) {
                // out of memory while logging: the stop below matters more
            }
        }
        stop();
    }

    /**
     * A fatal error in words for the log: what the operator should do for the errors that have an obvious cause (a
     * second worker with the same instance id), else the error's class and message.
     */
    public String describeFatal(Throwable error) {
        String set = setAs(WorkerConfig.INSTANCE_ID, config.instanceId());
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FencedInstanceIdException) {
                return "another worker in group " + config.groupId() + " runs with " + set
                        + " (default: the host name); give each worker its own (" + BrokerErrors.describe(t) + ")";
            }
            if (t instanceof ProducerFencedException) {
                return "another producer took over this worker's transactional id (" + config.transactionalIdPrefix()
                        + "-" + config.instanceId() + "-<thread>): most likely another worker runs with " + set
                        + " (default: the host name); give each worker its own (" + BrokerErrors.describe(t) + ")";
            }
            if (t instanceof AuthorizationException) {
                return BrokerErrors.describe(t) + "; " + BrokerErrors.CHECK_ACLS;
            }
            if (t instanceof AuthenticationException) {
                return BrokerErrors.describe(t) + "; " + BrokerErrors.CHECK_SECURITY;
            }
        }
        return BrokerErrors.describe(error);
    }

    /** {@code INGEST_INSTANCE_ID=x}, or {@code ingest.instance.id=x (in FILE)} when the config file set it. */
    private String setAs(ConfigKey key, String value) {
        String name = config.nameOf(key);
        if (name.startsWith(key.property() + " ")) {
            return key.property() + "=" + value + " ("
                    + name.substring(key.property().length() + 1) + ")";
        }
        return name + "=" + value;
    }

    /** Whether every thread has received its assignment and none has failed. */
    public boolean ready() {
        return fatal.get() == null && !loops.isEmpty() && loops.stream().allMatch(TransactionalLoop::assigned);
    }

    /** Partitions assigned to this JVM right now. */
    public int assignedPartitions() {
        return loops.stream().mapToInt(TransactionalLoop::assignedPartitions).sum();
    }

    /** Asks every thread to stop after its batch in flight. */
    public void stop() {
        loops.forEach(TransactionalLoop::stop);
    }

    /**
     * After {@link #stop}, for threads still waiting on brokers that are away: closes their producers at once, which
     * ends them without another attempt (see {@link TransactionalLoop#forceStop}).
     */
    public void forceStop() {
        loops.forEach(TransactionalLoop::forceStop);
    }

    /** Waits for every thread to end. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return done == null || done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops and waits; true when every thread ended in time. */
    public boolean stopAndWait(Duration timeout) throws InterruptedException {
        stop();
        return awaitTermination(timeout);
    }

    /** The first fatal error, if any. */
    public Optional<Throwable> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    /** The name of the thread that hit the first fatal error ({@code ingest-0}), if any. */
    public Optional<String> fatalThread() {
        return fatal.get() == null ? Optional.empty() : Optional.ofNullable(fatalThread);
    }

    /** 0 after a clean stop, {@link #EXIT_FATAL} after a fatal error. */
    public int exitCode() {
        return fatal.get() == null ? 0 : EXIT_FATAL;
    }
}
