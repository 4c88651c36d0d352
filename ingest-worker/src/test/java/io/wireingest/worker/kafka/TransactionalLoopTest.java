package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ConsumedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's failure handling, with Kafka's mock clients standing in for a broker in trouble. */
class TransactionalLoopTest {
    private static final TopicPartition TP = new TopicPartition("wire.raw", 0);

    /** A mock producer whose commit fails the first {@code failures} times with the given error. */
    private static final class FailingProducer extends MockProducer<byte[], byte[]> {
        private final AtomicInteger failures;
        private final RuntimeException error;
        final AtomicInteger aborts = new AtomicInteger();

        FailingProducer(int failures, RuntimeException error) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.failures = new AtomicInteger(failures);
            this.error = error;
        }

        @Override
        public void commitTransaction() {
            if (failures.getAndDecrement() > 0) {
                throw error;
            }
            super.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            aborts.incrementAndGet();
            super.abortTransaction();
        }
    }

    /**
     * A producer whose first {@code failures} sends fail before leaving the client, as a real one's do when the
     * brokers are gone (no metadata within {@code max.block.ms}).
     */
    private static class SendFailingProducer extends MockProducer<byte[], byte[]> {
        private final AtomicInteger failures;
        final AtomicInteger sends = new AtomicInteger();
        /** Calls of abortTransaction, confirmed or not. */
        final AtomicInteger aborts = new AtomicInteger();

        SendFailingProducer(int failures) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                ProducerRecord<byte[], byte[]> record, org.apache.kafka.clients.producer.Callback callback) {
            sends.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                return java.util.concurrent.CompletableFuture.failedFuture(
                        new org.apache.kafka.common.errors.TimeoutException(
                                "Topic out not present in metadata after 60000 ms."));
            }
            return super.send(record, callback);
        }

        @Override
        public void abortTransaction() {
            aborts.incrementAndGet();
            super.abortTransaction();
        }
    }

    /**
     * A producer whose first send fails as a real one's does when the brokers are gone, and whose aborts then time out
     * ({@code max.block.ms} without an answer) the first {@code abortTimeouts} times.
     */
    private static final class AbortTimingOutProducer extends SendFailingProducer {
        private final AtomicInteger abortTimeouts;

        AbortTimingOutProducer(int abortTimeouts) {
            super(1);
            this.abortTimeouts = new AtomicInteger(abortTimeouts);
        }

        @Override
        public void abortTransaction() {
            if (abortTimeouts.getAndDecrement() > 0) {
                aborts.incrementAndGet();
                throw new org.apache.kafka.common.errors.TimeoutException(
                        "Timeout expired after 60000ms while awaiting EndTxn(false)");
            }
            super.abortTransaction();
        }
    }

    /**
     * A producer whose first send fails as a real one's does when the brokers are gone, and whose abort then waits for
     * them, as a real one's does for up to {@code max.block.ms}, until the producer is closed under it, which fails it.
     */
    private static final class AbortBlockingProducer extends SendFailingProducer {
        private final CountDownLatch closedUnder = new CountDownLatch(1);

        AbortBlockingProducer() {
            super(1);
        }

        @Override
        public void abortTransaction() {
            aborts.incrementAndGet();
            try {
                closedUnder.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new KafkaException("The producer closed forcefully");
        }

        @Override
        public void close(Duration timeout) {
            closedUnder.countDown();
            super.close(timeout);
        }
    }

    /**
     * A producer whose sending of the offsets waits for a broker that hangs (connected, never answering): closing the
     * producer does not end the wait, as a real one's does not for a request already sent; an interrupt does.
     */
    private static final class OffsetsHangingProducer extends MockProducer<byte[], byte[]> {
        final CountDownLatch waiting = new CountDownLatch(1);
        /** Released by the test: until then close() waits, as a real one's does for its stuck network thread. */
        final CountDownLatch networkThreadDone = new CountDownLatch(1);

        final AtomicInteger closeCalls = new AtomicInteger();

        @Override
        public void close(Duration timeout) {
            closeCalls.incrementAndGet();
            try {
                networkThreadDone.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.close(timeout);
        }

        OffsetsHangingProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void sendOffsetsToTransaction(
                Map<TopicPartition, OffsetAndMetadata> offsets,
                org.apache.kafka.clients.consumer.ConsumerGroupMetadata groupMetadata) {
            waiting.countDown();
            try {
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
            throw new org.apache.kafka.common.errors.TimeoutException("Timeout expired after 60000ms");
        }
    }

    /**
     * Kafka's MockConsumer forgets records once polled; a real consumer re-reads them after a seek. This one keeps
     * them and hands them out again from the position a seek sets, as the loop's rewind expects.
     */
    private static final class RewindableConsumer extends MockConsumer<byte[], byte[]> {
        private final List<ConsumerRecord<byte[], byte[]>> all = new java.util.ArrayList<>();

        RewindableConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void addRecord(ConsumerRecord<byte[], byte[]> record) {
            all.add(record);
            super.addRecord(record);
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            super.seek(partition, offset);
            for (ConsumerRecord<byte[], byte[]> r : all) {
                if (r.offset() >= offset) {
                    super.addRecord(r);
                }
            }
        }
    }

    private final RewindableConsumer consumer = new RewindableConsumer();
    private final WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private ExecutorService pool;
    private Duration maxBatchTime = Duration.ofSeconds(30);
    private Duration transactionTimeout = Duration.ofSeconds(60);
    private final AtomicInteger producersMade = new AtomicInteger();
    private final java.util.Deque<Producer<byte[], byte[]>> laterProducers = new java.util.ArrayDeque<>();

    @AfterEach
    void shutDownThePool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Runs the loop on a thread of its own until its first commit, then stops it and waits for the thread. */
    private static Thread runToFirstCommit(TransactionalLoop loop, MockProducer<byte[], byte[]> producer)
            throws InterruptedException {
        Thread t = new Thread(loop);
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.commitCount() == 1);
        loop.stop();
        t.join(10_000);
        return t;
    }

    private TransactionalLoop loop(Producer<byte[], byte[]> producer, int maxRetries) {
        return loop(producer, maxRetries, new PassThrough("out"), null);
    }

    private TransactionalLoop loop(
            Producer<byte[], byte[]> producer, int maxRetries, RecordTransform transform, ExecutorService transforms) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            consumer.updateBeginningOffsets(Map.of(TP, 0L));
            for (int i = 0; i < 3; i++) {
                consumer.addRecord(ConsumedRecords.record(
                        "wire.raw",
                        0,
                        i,
                        System.currentTimeMillis() - 1000,
                        "k" + i,
                        ("item " + i).getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders()));
            }
        });
        TransactionalLoop.ClientFactory factory = new TransactionalLoop.ClientFactory() {
            @Override
            public Producer<byte[], byte[]> transactionalProducer(String transactionalId, String clientId) {
                // The loop's first producer, then the ones a test lines up for renewals.
                return producersMade.getAndIncrement() == 0 ? producer : laterProducers.remove();
            }

            @Override
            public Consumer<byte[], byte[]> transactionalConsumer(
                    String groupId, String groupInstanceId, String clientId) {
                return consumer;
            }
        };
        return new TransactionalLoop(
                "test-loop",
                factory,
                "group",
                "wire.raw",
                "group-test-0",
                transform,
                transforms,
                new DeadLetters("wire.rejected", 1_000_000),
                metrics,
                new TransactionalLoop.Settings(
                        Duration.ofMillis(20),
                        Duration.ofMillis(10),
                        Duration.ofMillis(40),
                        maxRetries,
                        maxBatchTime,
                        transactionTimeout),
                (l, error) -> fatal.set(error));
    }

    private double aborted(String cause) {
        return metrics.registry()
                .find(WorkerMetrics.TRANSACTIONS_ABORTED)
                .tag("cause", cause)
                .counter()
                .count();
    }

    /** The last offset of {@link #TP} committed through a transaction, or -1. */
    private static long committedOffset(MockProducer<byte[], byte[]> producer) {
        long offset = -1;
        for (Map<String, Map<TopicPartition, OffsetAndMetadata>> commit : producer.consumerGroupOffsetsHistory()) {
            for (Map<TopicPartition, OffsetAndMetadata> offsets : commit.values()) {
                if (offsets.containsKey(TP)) {
                    offset = offsets.get(TP).offset();
                }
            }
        }
        return offset;
    }

    @Test
    void aRetriableFailureAbortsRewindsAndRetriesTheBatch() throws Exception {
        FailingProducer producer =
                new FailingProducer(2, new KafkaException("broker trouble", new NotEnoughReplicasException("isr")));
        runToFirstCommit(loop(producer, 5), producer);

        assertThat(fatal.get()).isNull();
        assertThat(producer.aborts.get()).isEqualTo(2);
        assertThat(committedOffset(producer)).isEqualTo(3);
        // The committed transaction holds each record once; the aborted attempts are gone.
        assertThat(producer.history().stream().map(ProducerRecord::topic)).allMatch("out"::equals);
        assertThat(aborted("retriable")).isEqualTo(2.0);
        assertThat(aborted("fatal")).isZero();
        assertThat(metrics.consumedCount()).isEqualTo(3.0);
        // Time in Kafka and the worker, once per committed record (not for the aborted attempts).
        assertThat(metrics.registry().find(WorkerMetrics.PIPELINE_DELAY).timer().count())
                .isEqualTo(3);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aSendThatFailsInTheClientAbortsTheBatchAtOnceInsteadOfTryingEveryRecord() throws Exception {
        SendFailingProducer producer = new SendFailingProducer(2);
        runToFirstCommit(loop(producer, 5), producer);

        assertThat(fatal.get()).isNull();
        // Two attempts stopped at their first send (a real producer blocks max.block.ms in each), then one whole
        // batch of three.
        assertThat(producer.sends.get()).isEqualTo(2 + 3);
        assertThat(producer.aborts.get()).isEqualTo(2);
        assertThat(aborted("retriable")).isEqualTo(2.0);
        assertThat(committedOffset(producer)).isEqualTo(3);
    }

    @Test
    void aFencedProducerIsFatalAndNothingIsCommitted() throws Exception {
        FailingProducer producer = new FailingProducer(1, new ProducerFencedException("newer producer"));
        TransactionalLoop loop = loop(producer, 5);
        runToItsEnd(loop);
        assertThat(fatal.get()).isInstanceOf(ProducerFencedException.class);
        assertThat(aborted("fatal")).isEqualTo(1.0);
        assertThat(producer.commitCount()).isZero();
        assertThat(metrics.consumedCount()).isZero();
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void retriesAreBoundedThenTheLoopGivesUp() throws Exception {
        FailingProducer producer = new FailingProducer(
                Integer.MAX_VALUE, new KafkaException("still down", new NotEnoughReplicasException("isr")));
        TransactionalLoop loop = loop(producer, 2);
        runToItsEnd(loop);
        assertThat(fatal.get()).hasMessageContaining("gave up after 2 failed attempts");
        assertThat(producer.aborts.get()).isEqualTo(3);
        // Each failed attempt is a retriable abort; giving up is what the fatal alert counts.
        assertThat(aborted("retriable")).isEqualTo(3.0);
        assertThat(aborted("fatal")).isEqualTo(1.0);
        assertThat(producer.commitCount()).isZero();
    }

    @Test
    void stopEndsTheLoopCleanly() throws Exception {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        TransactionalLoop loop = loop(producer, 5);
        Thread t = runToFirstCommit(loop, producer);

        assertThat(t.isAlive()).isFalse();
        assertThat(fatal.get()).isNull();
        assertThat(loop.assigned()).isTrue();
        assertThat(producer.closed()).isTrue();
        assertThat(committedOffset(producer)).isEqualTo(3);
    }

    @Test
    void withAPoolTheRecordsOfABatchAreTransformedTogetherAndPublishedInOrder() throws Exception {
        pool = Executors.newFixedThreadPool(3);
        // Each transform waits until all three run at once: on one thread they would time out and throw.
        CountDownLatch allRunning = new CountDownLatch(3);
        PassThrough pass = new PassThrough("out");
        RecordTransform together = record -> {
            allRunning.countDown();
            try {
                if (!allRunning.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("transforms did not run in parallel");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (record.offset() == 1) {
                throw new IllegalArgumentException("bug in the transform");
            }
            return pass.apply(record);
        };
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        runToFirstCommit(loop(producer, 5, together, pool), producer);

        assertThat(fatal.get()).isNull();
        assertThat(producer.history())
                .extracting(r -> r.topic() + ":" + new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("out:k0", "wire.rejected:k1", "out:k2");
        assertThat(committedOffset(producer)).isEqualTo(3);
    }

    @Test
    void withAPoolARetriedBatchIsPublishedOnce() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        FailingProducer producer =
                new FailingProducer(1, new KafkaException("broker trouble", new NotEnoughReplicasException("isr")));
        runToFirstCommit(loop(producer, 5, new PassThrough("out"), pool), producer);

        assertThat(fatal.get()).isNull();
        assertThat(producer.aborts.get()).isEqualTo(1);
        assertThat(producer.history())
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k0", "k1", "k2");
    }

    /** A transform that throws the given error for the record at offset 1 and passes the others through. */
    private static RecordTransform throwingAtOffsetOne(Error error) {
        PassThrough pass = new PassThrough("out");
        return record -> {
            if (record.offset() == 1) {
                throw error;
            }
            return pass.apply(record);
        };
    }

    @Test
    void anErrorInTheTransformIsFatalNotAQuietEndOfTheThread() throws Exception {
        FailingProducer producer = new FailingProducer(0, null);
        TransactionalLoop loop = loop(producer, 5, throwingAtOffsetOne(new OutOfMemoryError("simulated")), null);
        runToItsEnd(loop);
        assertThat(fatal.get()).isInstanceOf(OutOfMemoryError.class);
        assertThat(aborted("fatal")).isEqualTo(1.0);
        // The open transaction (holding record 0's output) is aborted, nothing committed, the clients closed.
        assertThat(producer.aborts.get()).isEqualTo(1);
        assertThat(producer.commitCount()).isZero();
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void anErrorInATransformOnThePoolIsFatalToo() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        FailingProducer producer = new FailingProducer(0, null);
        TransactionalLoop loop = loop(producer, 5, throwingAtOffsetOne(new OutOfMemoryError("simulated")), pool);
        runToItsEnd(loop);
        assertThat(fatal.get()).isInstanceOf(OutOfMemoryError.class);
        assertThat(aborted("fatal")).isEqualTo(1.0);
        assertThat(producer.commitCount()).isZero();
    }

    @Test
    void aStackOverflowInOneRecordsTransformMakesThatRecordADeadLetter() throws Exception {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        runToFirstCommit(loop(producer, 5, throwingAtOffsetOne(new StackOverflowError()), null), producer);

        assertThat(fatal.get()).isNull();
        assertThat(producer.history())
                .extracting(r -> r.topic() + ":" + new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("out:k0", "wire.rejected:k1", "out:k2");
        assertThat(committedOffset(producer)).isEqualTo(3);
    }

    @Test
    void anAbortTheBrokersDoNotConfirmIsRetriedAndTheBatchIsPublishedOnce() throws Exception {
        AbortTimingOutProducer producer = new AbortTimingOutProducer(2);
        runToFirstCommit(loop(producer, 5), producer);

        assertThat(fatal.get()).isNull();
        assertThat(producer.aborts.get()).isEqualTo(3);
        assertThat(aborted("retriable")).isEqualTo(1.0);
        assertThat(producer.history())
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k0", "k1", "k2");
        assertThat(committedOffset(producer)).isEqualTo(3);
    }

    @Test
    void abortsThatKeepTimingOutCountTowardsTheRetryBoundThenTheLoopGivesUp() throws Exception {
        AbortTimingOutProducer producer = new AbortTimingOutProducer(Integer.MAX_VALUE);
        TransactionalLoop loop = loop(producer, 2);
        runToItsEnd(loop);
        assertThat(fatal.get())
                .hasMessageContaining("could not abort the transaction: gave up after 2 failed attempts");
        // The failed send is the first failure, the first unconfirmed abort the second, the next the third: it gives
        // up while the brokers are still away, not once they are back and confirm an abort.
        assertThat(producer.aborts.get()).isEqualTo(2);
        assertThat(aborted("fatal")).isEqualTo(1.0);
        assertThat(producer.commitCount()).isZero();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aStopWhileTheAbortIsUnconfirmedEndsTheLoopWithoutAFatalError() throws Exception {
        AbortTimingOutProducer producer = new AbortTimingOutProducer(Integer.MAX_VALUE);
        TransactionalLoop loop = loop(producer, 1000);
        Thread t = new Thread(loop);
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.aborts.get() >= 2);
        loop.stop();
        t.join(10_000);

        assertEndedQuietlyWithNothingCommitted(t, producer);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aForcedStopEndsALoopWaitingOnTheBrokersWithoutAFatalError() throws Exception {
        AbortBlockingProducer producer = new AbortBlockingProducer();
        TransactionalLoop loop = loop(producer, 1000);
        Thread t = new Thread(loop);
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.aborts.get() == 1);
        // A plain stop waits for the abort under way, as it must while the brokers may still answer.
        loop.stop();
        t.join(300);
        assertThat(t.isAlive()).isTrue();
        loop.forceStop();
        t.join(10_000);

        assertEndedQuietlyWithNothingCommitted(t, producer);
        assertThat(loop.forced()).isTrue();
        assertThat(producer.aborts.get()).isEqualTo(1);
        // Closed in the background, without waiting for its network thread.
        await().atMost(Duration.ofSeconds(10)).until(producer::closed);
    }

    @Test
    void aForcedStopEndsALoopWaitingOnABrokerThatHangs() throws Exception {
        OffsetsHangingProducer producer = new OffsetsHangingProducer();
        TransactionalLoop loop = loop(producer, 1000);
        Thread t = new Thread(loop);
        t.start();
        assertThat(producer.waiting.await(10, TimeUnit.SECONDS)).isTrue();
        loop.stop();
        // The stopping thread does not wait for the producer's close, which waits for its stuck network thread.
        Thread stopping = new Thread(loop::forceStop);
        stopping.start();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        t.join(10_000);

        // The consumer closed normally (checked below): the interrupt did not outlive the loop.
        assertEndedQuietlyWithNothingCommitted(t, producer);
        // Closed in the background (the close itself waits for the stuck network thread).
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.closeCalls.get() > 0);
        assertThat(t.isInterrupted()).isFalse();
        producer.networkThreadDone.countDown();
    }

    /** A transform that sleeps {@code millis} the first time it sees the record at offset 1. */
    private static RecordTransform slowOnceAtOffsetOne(long millis) {
        PassThrough pass = new PassThrough("out");
        java.util.concurrent.atomic.AtomicBoolean slept = new java.util.concurrent.atomic.AtomicBoolean();
        return record -> {
            if (record.offset() == 1 && slept.compareAndSet(false, true)) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return pass.apply(record);
        };
    }

    /** Runs the loop until all three records are committed, then stops it. */
    private static void runToOffsetThree(TransactionalLoop loop, MockProducer<byte[], byte[]> producer)
            throws InterruptedException {
        Thread t = new Thread(loop);
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset(producer) == 3);
        loop.stop();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
    }

    /**
     * The loop's thread ended without a fatal error, nothing committed, its consumer closed: a stop with the brokers
     * away.
     */
    /** Runs the loop on a thread of its own until it ends by itself (10 s at most), and asserts that it did. */
    private static void runToItsEnd(TransactionalLoop loop) throws InterruptedException {
        Thread t = new Thread(loop);
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
    }

    private void assertEndedQuietlyWithNothingCommitted(Thread t, MockProducer<byte[], byte[]> producer) {
        assertThat(t.isAlive()).isFalse();
        assertThat(fatal.get()).isNull();
        assertThat(aborted("fatal")).isZero();
        assertThat(producer.commitCount()).isZero();
        assertThat(consumer.closed()).isTrue();
    }

    private double batchesCut() {
        return metrics.registry().find(WorkerMetrics.BATCHES_CUT).counter().count();
    }

    @Test
    void aBatchWhoseTransactionRunsPastTheBatchTimeIsCommittedInPartAndTheRestReadAgain() throws Exception {
        // Record 1 takes longer than a batch may: records 0 and 1 commit, record 2 comes again in the next batch.
        maxBatchTime = Duration.ofMillis(100);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        runToOffsetThree(loop(producer, 5, slowOnceAtOffsetOne(300), null), producer);

        assertThat(fatal.get()).isNull();
        assertThat(producer.commitCount()).isGreaterThanOrEqualTo(2);
        assertThat(batchesCut()).isGreaterThanOrEqualTo(1.0);
        // Each record published once, in order, over the transactions; none aborted.
        assertThat(producer.history())
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k0", "k1", "k2");
        assertThat(aborted("retriable")).isZero();
        assertThat(metrics.consumedCount()).isEqualTo(3.0);
    }

    @Test
    void withAPoolABatchStopsWaitingForASlowRecordOnceItsTransactionHasRunPastTheBatchTime() throws Exception {
        // Record 1 is still being transformed when the batch time is up: record 0 commits alone, records 1 and 2
        // come again (record 1 transformed anew) in the next batch.
        pool = Executors.newFixedThreadPool(2);
        maxBatchTime = Duration.ofMillis(100);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        runToOffsetThree(loop(producer, 5, slowOnceAtOffsetOne(2000), pool), producer);

        assertThat(fatal.get()).isNull();
        assertThat(batchesCut()).isEqualTo(1.0);
        assertThat(producer.commitCount()).isEqualTo(2);
        assertThat(producer.history())
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k0", "k1", "k2");
        assertThat(metrics.consumedCount()).isEqualTo(3.0);
    }

    /** A producer whose first commit fails as a real one's does when the broker fenced it. */
    private static final class FencedAtCommitProducer extends MockProducer<byte[], byte[]> {
        private final java.util.concurrent.atomic.AtomicBoolean fenced =
                new java.util.concurrent.atomic.AtomicBoolean();

        FencedAtCommitProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public void commitTransaction() {
            if (fenced.compareAndSet(false, true)) {
                throw new ProducerFencedException("There is a newer producer with the same transactionalId");
            }
            super.commitTransaction();
        }
    }

    @Test
    void aProducerFencedInATransactionOlderThanTheTransactionTimeoutIsRenewedAndTheBatchRetried() throws Exception {
        // Record 1 keeps the transaction open past the (short) transaction timeout: the broker aborts it and fences
        // the producer, which is not another worker. A new producer takes over and the batch is published once.
        transactionTimeout = Duration.ofMillis(50);
        FencedAtCommitProducer first = new FencedAtCommitProducer();
        MockProducer<byte[], byte[]> renewed =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        laterProducers.add(renewed);
        runToOffsetThree(loop(first, 5, slowOnceAtOffsetOne(200), null), renewed);

        assertThat(fatal.get()).isNull();
        assertThat(first.closed()).isTrue();
        assertThat(first.commitCount()).isZero();
        assertThat(renewed.transactionInitialized()).isTrue();
        assertThat(renewed.history())
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k0", "k1", "k2");
        assertThat(aborted("retriable")).isEqualTo(1.0);
        assertThat(aborted("fatal")).isZero();
    }

    @Test
    void aProducerFencedInAYoungTransactionIsStillFatal() throws Exception {
        // Fenced well within the transaction timeout: another producer took over the id.
        FencedAtCommitProducer producer = new FencedAtCommitProducer();
        TransactionalLoop loop = loop(producer, 5);
        runToItsEnd(loop);
        assertThat(fatal.get()).isInstanceOf(ProducerFencedException.class);
        assertThat(producersMade.get()).isEqualTo(1);
        assertThat(producer.commitCount()).isZero();
    }
}
