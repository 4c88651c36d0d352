package io.wireingest.worker.kafka;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer threads of one JVM: {@code INGEST_THREADS} {@link TransactionalLoop}s in one consumer group, with
 * transactional ids {@code <prefix>-<instance>-<n>} (stable across restarts, so a restarted worker fences its
 * predecessor's zombie and aborts its open transaction at once). When one thread hits a fatal error, all stop and
 * {@link #exitCode()} is non-zero.
 *
 * <p>The pipeline itself runs on a pool of {@code INGEST_TRANSFORM_THREADS} threads shared by the consumer threads
 * (see {@link TransactionalLoop}), so the work of one batch spreads over all cores whatever the partition layout.
 */
public final class Worker {
    /** Exit code of a worker stopped by a fatal error. */
    public static final int EXIT_FATAL = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final WorkerConfig config;
    private final KafkaClients clients;
    private final String inputTopic;
    private final Supplier<RecordTransform> transforms;
    private final WorkerMetrics metrics;
    private final List<TransactionalLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
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
                config.pollTimeout(), config.retryBackoff(), config.retryBackoffMax(), config.maxRetries());
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
                    (l, error) -> {
                        if (fatal.compareAndSet(null, error)) {
                            LOG.error("{} hit a fatal error; stopping the worker", l.name());
                        }
                        stop();
                    });
            loops.add(loop);
            Thread t = new Thread(
                    () -> {
                        try {
                            loop.run();
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

    /** 0 after a clean stop, {@link #EXIT_FATAL} after a fatal error. */
    public int exitCode() {
        return fatal.get() == null ? 0 : EXIT_FATAL;
    }
}
