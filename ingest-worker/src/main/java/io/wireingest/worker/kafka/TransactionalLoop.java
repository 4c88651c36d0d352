package io.wireingest.worker.kafka;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread: a consumer and a transactional producer running consume → transform → produce with
 * exactly-once v2. Each poll batch is one transaction: every output record of the batch and the batch's offsets
 * (sent with the consumer's group metadata) commit together, or not at all.
 *
 * <p>Failures (after Debezium's ErrorHandler): a rebalance under the transaction aborts it and rewinds; a retriable
 * broker error aborts, rewinds and retries the batch after a doubling back-off, WARN each time, up to a bound; a
 * fatal error (fenced producer, authorization, uncertain commit, retries exhausted, and any {@link Error} such as out
 * of memory) aborts what can be aborted, closes the clients and reports to the {@link Listener}, which stops the
 * worker with a non-zero exit. {@link #stop()} lets
 * the batch in flight commit, then leaves the group and closes.
 *
 * <p>With a transform pool, the records of a batch are transformed in parallel on the pool (shared by the worker's
 * loops), and their outputs are sent in record order as they become ready; so a loop that owns more partitions than
 * another, or the only loop with work, still uses every core. Without one, the loop thread transforms each record
 * itself.
 */
public final class TransactionalLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalLoop.class);

    /** What the loop tells its owner. */
    public interface Listener {
        /** The loop has joined the group and received its (possibly empty) assignment. */
        default void assigned(TransactionalLoop loop, Collection<TopicPartition> partitions) {}

        /** The loop stopped because of an error it cannot get past. */
        void fatal(TransactionalLoop loop, Throwable error);
    }

    /** Makes the loop's clients ({@link KafkaClients} for real ones; tests hand in Kafka's mocks). */
    public interface ClientFactory {
        /** A transactional producer with the given transactional id. */
        Producer<byte[], byte[]> transactionalProducer(String transactionalId, String clientId);

        /** A read_committed consumer of the group, without auto-commit. */
        Consumer<byte[], byte[]> transactionalConsumer(String groupId, String groupInstanceId, String clientId);
    }

    /**
     * Timing and retry settings.
     *
     * @param transactionTimeout the producer's {@code transaction.timeout.ms}: a producer fenced in a transaction open
     *     longer than that was fenced by the broker's abort of the transaction, not by another worker (see {@link
     *     #timedOutAtBroker})
     * @param maxBatchTime how long a batch's transaction may stay open (from its first send): past it the loop
     *     commits what it has published and reads the rest of the batch again (see
     *     {@link io.wireingest.worker.config.WorkerConfig#maxBatchTime()})
     */
    public record Settings(
            Duration pollTimeout,
            Duration backoff,
            Duration backoffMax,
            int maxRetries,
            Duration maxBatchTime,
            Duration transactionTimeout) {}

    private final String name;
    private final ClientFactory clients;
    private final String groupId;
    private final String topic;
    private final String transactionalId;
    private final RecordTransform transform;
    /**
     * Runs the transform of each record in parallel (shared by the worker's loops; thread-safe transforms only); null
     * to transform on the loop's own thread.
     */
    private final ExecutorService transformPool;

    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;
    private final Settings settings;
    private final Listener listener;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean assigned;
    private volatile int assignedPartitions;
    /**
     * Consecutive failures of this loop's thread: failed transactions and aborts the brokers did not confirm; past
     * {@code maxRetries} the loop gives up. Reset by a committed batch.
     */
    private int failures;
    /** When the open transaction's first record was sent ({@link System#nanoTime}); 0 when none is open. */
    private long openedAt;
    /** The loop's transactional producer (renewed after the broker aborted a transaction that timed out). */
    private volatile Producer<byte[], byte[]> producer;
    /** Set by {@link #forceStop}: the producer was closed under the loop, which ends without another attempt. */
    private volatile boolean forced;
    /** The thread running the loop, for {@link #forceStop}; null before it starts. */
    private volatile Thread runner;

    private KafkaClientMetrics producerMetrics;

    public TransactionalLoop(
            String name,
            ClientFactory clients,
            String groupId,
            String topic,
            String transactionalId,
            RecordTransform transform,
            ExecutorService transformPool,
            DeadLetters deadLetters,
            WorkerMetrics metrics,
            Settings settings,
            Listener listener) {
        this.name = name;
        this.clients = clients;
        this.groupId = groupId;
        this.topic = topic;
        this.transactionalId = transactionalId;
        this.transform = transform;
        this.transformPool = transformPool;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.listener = listener;
    }

    public String name() {
        return name;
    }

    /** Whether the loop has received an assignment since it started. */
    public boolean assigned() {
        return assigned;
    }

    /** Partitions assigned right now. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    /** Asks the loop to stop after the batch in flight (thread-safe). */
    public void stop() {
        running = false;
        stopSignal.countDown();
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Ends a stop that waits on brokers that are away: interrupts the loop's thread, which ends the producer call it is
     * blocked in (a send waiting for metadata, the offsets, the commit or an abort, each waiting up to the producer's
     * {@code max.block.ms} for the brokers, whether they refuse connections or hang: connected, never answering), and
     * closes the producer in the background. The loop ends without another attempt and without a fatal error. Its open
     * transaction, if any, stays whole or nothing: the broker aborts it after the producer's {@code
     * transaction.timeout.ms} (or the next start with the same transactional id does at once), unless its commit had
     * already reached the broker. So nothing is lost or published twice. Returns at once: Kafka's {@code close} waits
     * for the producer's network thread, which a hung broker can hold for {@code request.timeout.ms}.
     */
    public void forceStop() {
        forced = true;
        stop();
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
        closeInBackground(producer);
    }

    /**
     * Closes a producer at once on a daemon thread of its own: the caller does not wait for the producer's network
     * thread (see {@link #forceStop}), and neither does the JVM's exit.
     */
    private void closeInBackground(Producer<byte[], byte[]> p) {
        if (p == null) {
            return;
        }
        Thread closer = new Thread(
                () -> {
                    try {
                        p.close(Duration.ZERO);
                    } catch (RuntimeException e) {
                        LOG.debug("{}: closing the producer at once failed: {}", name, e.toString());
                    }
                },
                name + "-producer-close");
        closer.setDaemon(true);
        closer.start();
    }

    /** Whether {@link #forceStop} ended the loop. */
    boolean forced() {
        return forced;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        KafkaClientMetrics consumerMetrics = null;
        boolean closeProducerAtOnce = false;
        boolean abortUnconfirmed = false;
        try {
            newProducer();
            // Static membership under the transactional id (stable and unique per thread of an instance): a worker
            // restarted after a crash takes its partitions back at once instead of after the session timeout.
            consumer = clients.transactionalConsumer(groupId, transactionalId, name + "-consumer");
            consumerMetrics = metrics.bind(consumer);
            if (!running) {
                consumer.wakeup();
            }
            consumer.subscribe(List.of(topic), new Rebalance());
            LOG.info("{} started: transactional id {}, group {}, topic {}", name, transactionalId, groupId, topic);
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(settings.pollTimeout());
                } catch (WakeupException e) {
                    break;
                }
                recordLag();
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    processBatch(producer, records);
                    failures = 0;
                } catch (KafkaException | IllegalStateException e) {
                    if (forced) {
                        // The stop closed the producer under the batch: end here, no abort, no retry.
                        break;
                    }
                    if (e instanceof CommitUncertainException) {
                        closeProducerAtOnce = true;
                        throw e;
                    }
                    BrokerErrors.Kind kind = BrokerErrors.classify(e);
                    if (kind == BrokerErrors.Kind.FATAL && timedOutAtBroker(e)) {
                        // Not another worker: the broker aborted this transaction when it outlived the producer's
                        // transaction timeout (a stopped process, a long outage) and fenced the producer with it.
                        long openMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt);
                        if (oneFailureTooMany()) {
                            throw gaveUp("", e);
                        }
                        renewProducer();
                        rewind(records);
                        String what = "the broker aborted the transaction, open for " + openMs + " ms, past the"
                                + " producer's transaction.timeout.ms ("
                                + settings.transactionTimeout().toMillis()
                                + " ms), and fenced the producer; started a new one";
                        if (!backOff(what, e)) {
                            break;
                        }
                        continue;
                    }
                    if (kind == BrokerErrors.Kind.FATAL) {
                        closeProducerAtOnce = true;
                        abortQuietly(producer);
                        throw e;
                    }
                    boolean rebalance = kind == BrokerErrors.Kind.REBALANCE;
                    // A failed batch counts before its abort: an abort the brokers confirm only after some retries
                    // (they came back) is followed by a retry of the batch, not by giving up.
                    if (!rebalance && oneFailureTooMany()) {
                        metrics.aborted("retriable");
                        abortQuietly(producer);
                        throw gaveUp("", e);
                    }
                    if (!abort(producer, e)) {
                        abortUnconfirmed = true;
                        // Nothing to flush, and the brokers are away: the clients close at once (see finally).
                        closeProducerAtOnce = true;
                        break;
                    }
                    rewind(records);
                    if (rebalance) {
                        metrics.aborted("rebalance");
                        LOG.info("{}: group rebalanced under the transaction; aborted, will re-read the batch", name);
                        continue;
                    }
                    if (!backOff("transaction failed, aborted", e)) {
                        break;
                    }
                }
            }
            if (forced) {
                warnForced();
            } else if (abortUnconfirmed) {
                LOG.warn(
                        "{} stopping before the brokers confirmed the abort of its last transaction: nothing of it"
                                + " was committed; the broker aborts it (the producer's transaction.timeout.ms), or"
                                + " the next start with transactional id {} does",
                        name,
                        transactionalId);
            } else {
                LOG.info("{} stopping: no transaction open", name);
            }
        } catch (InterruptedException e) {
            if (forced) {
                warnForced();
            } else {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException e) {
            if (forced) {
                warnForced();
            } else if (e instanceof WakeupException && !running) {
                LOG.info("{} stopped before it started consuming", name);
            } else {
                gaveUp(e);
            }
        } catch (Error e) {
            // Out of memory, a stack overflow outside any one item's transform, a linkage error: the JVM (or this
            // thread) cannot be trusted to go on. Fatal like a fenced producer, never a quiet end of the thread.
            closeProducerAtOnce = true;
            if (producer != null) {
                try {
                    abortQuietly(producer);
                } catch (Throwable t) {
                    // Out of memory again, likely: the listener must hear of the error all the same.
                    e.addSuppressed(t);
                }
            }
            gaveUp(e);
        } finally {
            if (forced) {
                // forceStop's interrupt has done its work: the consumer's close must not fail on it.
                Thread.interrupted();
            }
            metrics.forget(this);
            // A stop with the brokers away (abort unconfirmed) does not wait 10 s for the group to hear it leave.
            closeQuietly(consumer, Duration.ofSeconds(abortUnconfirmed || forced ? 3 : 10));
            metrics.unbind(consumerMetrics);
            metrics.unbind(producerMetrics);
            // After a forced stop, forceStop (or newProducer, for one made meanwhile) has closed the producer in the
            // background: here the close would wait for the producer's network thread.
            if (!forced && producer != null) {
                try {
                    producer.close(closeProducerAtOnce ? Duration.ZERO : Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    LOG.warn("{}: closing the producer failed: {}", name, BrokerErrors.describe(e));
                }
            }
        }
    }

    private void warnForced() {
        LOG.warn(
                "{} stopped without waiting any longer for the brokers (its producer was closed under it): an open"
                        + " transaction is left to the broker, which aborts it after the producer's"
                        + " transaction.timeout.ms, or to the next start with transactional id {}, which aborts it at"
                        + " once; nothing is lost or published twice",
                name,
                transactionalId);
    }

    /** Counts one more consecutive failure; true when that is one past {@code maxRetries}: time to give up. */
    private boolean oneFailureTooMany() {
        return ++failures > settings.maxRetries();
    }

    /** The error a thread gives up with once failures are past {@code maxRetries}, {@code e} the last. */
    private KafkaException gaveUp(String what, Throwable e) {
        return new KafkaException(
                what + "gave up after " + settings.maxRetries() + " failed attempts: " + BrokerErrors.describe(e), e);
    }

    /**
     * After a failed batch (already aborted or its producer replaced, the consumer rewound): counts the retry, logs
     * {@code what} happened, and waits the back-off.
     *
     * @return false when the loop was asked to stop meanwhile
     */
    private boolean backOff(String what, Throwable e) throws InterruptedException {
        metrics.aborted("retriable");
        Duration wait = backoff(failures);
        LOG.warn(
                "{}: {}; retry {} of {} in {} ms: {}",
                name,
                what,
                failures,
                settings.maxRetries(),
                wait.toMillis(),
                BrokerErrors.describe(e));
        return !stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether a fatal error is the broker's abort of a transaction that outlived the producer's {@code
     * transaction.timeout.ms}: the producer was fenced (the broker bumps the epoch when it aborts a transaction on
     * timeout) while its transaction had been open longer than that. Another worker with the same transactional id
     * fences a producer too, but then the transaction need not be old, and the new producer's {@code initTransactions}
     * is fenced in turn (fatal).
     */
    private boolean timedOutAtBroker(Throwable e) {
        if (openedAt == 0
                || System.nanoTime() - openedAt < settings.transactionTimeout().toNanos()) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the fenced producer with a new one under the same transactional id (which fences the old for good). */
    private void renewProducer() throws InterruptedException {
        metrics.unbind(producerMetrics);
        producerMetrics = null;
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("{}: closing the fenced producer failed: {}", name, e.toString());
        }
        openedAt = 0;
        newProducer();
    }

    /**
     * Makes the loop's producer and initializes its transactions. A {@link #forceStop} that came while it was made
     * closes it before it can wait for the brokers.
     */
    private void newProducer() throws InterruptedException {
        Producer<byte[], byte[]> p = clients.transactionalProducer(transactionalId, name + "-producer");
        producer = p;
        producerMetrics = metrics.bind(p);
        if (forced) {
            closeInBackground(p);
            throw new WakeupException();
        }
        initTransactions(p);
    }

    /**
     * The thread gives up: a fatal broker error, retries exhausted, an uncertain commit, clients that cannot start, an
     * {@link Error}. Counted once per thread; the listener (the {@link Worker}) logs it, once for the whole worker.
     */
    private void gaveUp(Throwable e) {
        running = false;
        try {
            LOG.debug("{} gives up: {}", name, BrokerErrors.describe(e));
            // The process exits 1 right after, so this is seldom scraped.
            metrics.aborted("fatal");
        } catch (Throwable t) {
            // Out of memory again, likely: the listener below must hear of the error all the same.
            if (t != e) {
                e.addSuppressed(t);
            }
        }
        listener.fatal(this, e);
    }

    private void initTransactions(Producer<byte[], byte[]> producer) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.initTransactions();
                return;
            } catch (TimeoutException e) {
                if (attempt > settings.maxRetries() || !running) {
                    throw e;
                }
                LOG.warn("{}: broker not answering initTransactions (attempt {}), retrying", name, attempt);
                if (stopSignal.await(backoff(attempt).toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new WakeupException();
                }
            }
        }
    }

    /**
     * One poll batch in one transaction; transformed on the pool when there is one and more than one record. A batch
     * whose transaction has been open for {@code maxBatchTime} (slow items: up to the per-item time budget each) is
     * cut short: the records published so far are committed with their offsets and the consumer is put back at the
     * first record left, which the next poll reads again. So no batch outlives the transaction timeout, after which the
     * broker would abort it, and the retry of that same batch would take as long again, for ever.
     */
    private void processBatch(Producer<byte[], byte[]> producer, ConsumerRecords<byte[], byte[]> records)
            throws InterruptedException {
        long polledAt = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        List<Future<RecordTransform.Output>> pending = null;
        if (transformPool != null && batch.size() > 1) {
            pending = new ArrayList<>(batch.size());
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                pending.add(transformPool.submit(() -> transform(record)));
            }
        }
        try {
            producer.beginTransaction();
            List<Instant> received = new ArrayList<>(batch.size());
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            // The transaction opens with its first send (the broker's timeout counts from there).
            openedAt = 0;
            boolean open = false;
            int done = 0;
            while (done < batch.size()) {
                ConsumerRecord<byte[], byte[]> record = batch.get(done);
                RecordTransform.Output output;
                if (!open) {
                    output = pending == null ? transform(record) : result(pending.get(done));
                } else {
                    long left = settings.maxBatchTime().toNanos() - (System.nanoTime() - openedAt);
                    output = left <= 0 ? null : pending == null ? transform(record) : result(pending.get(done), left);
                    if (output == null) {
                        break;
                    }
                }
                for (ProducerRecord<byte[], byte[]> out : output.records()) {
                    if (!open) {
                        open = true;
                        openedAt = System.nanoTime();
                    }
                    failFast(producer.send(out));
                }
                if (output.receivedAt() != null) {
                    received.add(output.receivedAt());
                }
                offsets.put(
                        new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                done++;
            }
            long openMs = open ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedAt) : 0;
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            commit(producer);
            openedAt = 0;
            if (done < batch.size()) {
                readAgainFrom(batch, done, openMs);
            }
            metrics.transaction(Duration.ofNanos(System.nanoTime() - polledAt));
            Instant now = Instant.now();
            for (Instant at : received) {
                metrics.endToEnd(Duration.between(at, now));
            }
            long nowMillis = now.toEpochMilli();
            for (int i = 0; i < done; i++) {
                ConsumerRecord<byte[], byte[]> record = batch.get(i);
                if (record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
                    metrics.pipelineDelay(Duration.ofMillis(nowMillis - record.timestamp()));
                }
            }
            metrics.consumed(done);
            metrics.committed(done);
        } finally {
            if (pending != null) {
                // After a failed send or commit the batch is re-read, and so is the rest of a batch cut short; what
                // has not run yet need not run.
                pending.forEach(f -> f.cancel(false));
            }
        }
    }

    /**
     * After a batch was cut short at {@code first}: puts the consumer back at the first record left of each partition
     * it still owns, so that the next poll reads them again.
     */
    private void readAgainFrom(List<ConsumerRecord<byte[], byte[]>> batch, int first, long openMs) {
        Map<TopicPartition, Long> rest = new java.util.LinkedHashMap<>();
        for (int i = first; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = batch.get(i);
            rest.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        rest.forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
        metrics.batchCut();
        LOG.warn(
                "{}: batch cut short after {} of {} records: its transaction had been open for {} ms, past the {} ms"
                        + " a batch may take (half the producer's transaction.timeout.ms or the consumer's"
                        + " max.poll.interval.ms; slow items, or brokers slow to answer); committed, the other {} are"
                        + " read again",
                name,
                first,
                batch.size(),
                openMs,
                settings.maxBatchTime().toMillis(),
                batch.size() - first);
    }

    /**
     * Throws the error of a send that failed before it left the client (no metadata within {@code max.block.ms}: the
     * brokers are gone; the record too large; the producer in an error state), so that the batch is aborted and
     * retried at once. Otherwise each of the batch's hundreds of sends would block {@code max.block.ms} in turn, and
     * the worker would hang for hours instead of retrying, then stopping with a fatal error.
     */
    private static void failFast(Future<RecordMetadata> sent) throws InterruptedException {
        if (!sent.isDone()) {
            return;
        }
        try {
            sent.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof KafkaException kafka ? kafka : new KafkaException("send failed: " + cause, cause);
        }
    }

    /**
     * The transform's output for one record; an exception in it makes the record a dead letter, and so does a stack
     * overflow (a property of the record, e.g. nested too deep, not of the JVM). Any other {@link Error} (out of
     * memory...) is not the record's alone: it propagates and stops the worker as fatal.
     */
    private RecordTransform.Output transform(ConsumerRecord<byte[], byte[]> record) {
        try {
            return transform.apply(record);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in the transform: this record is a dead letter, the partition carries on.
            LOG.error(
                    "{}: unexpected {} on {}-{}@{}; sent to the dead-letter topic",
                    name,
                    e.getClass().getSimpleName(),
                    record.topic(),
                    record.partition(),
                    record.offset());
            metrics.rejected("worker", "internal-error");
            return new RecordTransform.Output(
                    List.of(deadLetters.deadLetter(
                            record,
                            "worker",
                            "internal-error",
                            e.getClass().getName(),
                            String.valueOf(e.getMessage()),
                            IngestHeaders.text(record.headers(), IngestHeaders.FEED),
                            IngestHeaders.text(record.headers(), IngestHeaders.ITEM_ID))),
                    null);
        }
    }

    private static RecordTransform.Output result(Future<RecordTransform.Output> future) throws InterruptedException {
        return result(future, -1);
    }

    /**
     * The transform's output, waiting at most {@code nanos} for it (no limit when negative); null when it is not
     * ready by then.
     */
    private static RecordTransform.Output result(Future<RecordTransform.Output> future, long nanos)
            throws InterruptedException {
        try {
            return nanos < 0 ? future.get() : future.get(nanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            // transform() turns every RuntimeException and stack overflow into a dead letter, so this is an Error (out
            // of memory...)
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("transform failed: " + cause, cause);
        }
    }

    /** Commits; a commit that times out may retry, but nothing else is allowed on the producer meanwhile. */
    private void commit(Producer<byte[], byte[]> producer) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt > settings.maxRetries()) {
                    throw new CommitUncertainException(e);
                }
                LOG.warn(
                        "{}: commit timed out (attempt {} of {}), retrying the commit",
                        name,
                        attempt,
                        settings.maxRetries());
                Thread.sleep(backoff(attempt).toMillis());
            }
        }
    }

    /**
     * Aborts the open transaction. An abort that times out (the brokers are away: {@code max.block.ms} passed without
     * an answer) is retried after the same doubling back-off as a failed batch, as Kafka allows (the retry resumes the
     * pending abort), and counts as a failure towards {@code maxRetries} like one; so the worker rides out a broker
     * outage under an open transaction instead of stopping. Any other failure, or failures past the bound, is fatal.
     *
     * @return true once aborted; false when the loop was asked to stop before the brokers confirmed it (nothing of the
     *     transaction is committed either way: the broker aborts it when it times out, or the next start with the same
     *     transactional id fences it)
     */
    private boolean abort(Producer<byte[], byte[]> producer, Throwable failure) throws InterruptedException {
        while (true) {
            try {
                producer.abortTransaction();
                openedAt = 0;
                return true;
            } catch (TimeoutException e) {
                if (oneFailureTooMany()) {
                    throw gaveUp("could not abort the transaction: ", e);
                }
                if (!running) {
                    return false;
                }
                Duration wait = backoff(failures);
                LOG.warn(
                        "{}: the brokers did not confirm the abort of a failed transaction; retrying the abort (retry {}"
                                + " of {}) in {} ms; the transaction failed with: {}",
                        name,
                        failures,
                        settings.maxRetries(),
                        wait.toMillis(),
                        BrokerErrors.describe(failure));
                LOG.debug("{}: the abort timed out: {}", name, BrokerErrors.describe(e));
                if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (RuntimeException e) {
                throw new KafkaException("could not abort the transaction: " + BrokerErrors.describe(e), e);
            }
        }
    }

    private void abortQuietly(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.debug("{}: abort after a fatal error failed too: {}", name, e.toString());
        }
    }

    /** Puts the consumer back at the first record of the aborted batch, on partitions it still owns. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, records.records(tp).get(0).offset());
            }
        }
    }

    private void recordLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.lag(this, lag);
    }

    private Duration backoff(int failures) {
        long ms = settings.backoff().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(ms, settings.backoffMax().toMillis()));
    }

    private static void closeQuietly(Consumer<?, ?> consumer, Duration timeout) {
        if (consumer != null) {
            try {
                // A static member stays in the group on close by default; a stopping worker hands its partitions over
                // at once.
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(timeout)
                        .withGroupMembershipOperation(
                                org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            } catch (RuntimeException e) {
                LOG.warn("closing the consumer failed: {}", BrokerErrors.describe(e));
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Called inside poll(), between transactions: nothing is open, nothing to flush.
            assignedPartitions = Math.max(0, consumer.assignment().size() - partitions.size());
            if (!partitions.isEmpty()) {
                LOG.info("{}: partitions revoked {}", name, partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedPartitions = consumer.assignment().size();
            assigned = true;
            LOG.info("{}: partitions assigned {} (now {})", name, partitions, consumer.assignment());
            listener.assigned(TransactionalLoop.this, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            assignedPartitions = consumer.assignment().size();
            LOG.warn("{}: partitions lost {}", name, partitions);
        }
    }

    /** A commit timed out again and again: whether it landed is unknown, and the producer can only be closed. */
    static final class CommitUncertainException extends KafkaException {
        private static final long serialVersionUID = 1L;

        CommitUncertainException(Throwable cause) {
            super("the transaction commit timed out repeatedly; its outcome is unknown", cause);
        }
    }
}
