package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The watchdog of publish and replay-rejected, on a clock the test drives. */
class AckWatchdogTest {
    private static final long S = 1_000_000_000L;

    @Test
    void idleWhenNothingWaits() {
        AckWatchdog w = new AckWatchdog(Duration.ofSeconds(10));
        assertThat(w.stalled(1000 * S)).isFalse();
        w.sending(0);
        w.completed(1 * S, null);
        assertThat(w.pending()).isZero();
        assertThat(w.stalled(1000 * S))
                .as("everything answered: reading slowly is no stall")
                .isFalse();
    }

    @Test
    void stallsWhenRecordsWaitForTheTimeoutWithoutAnAnswer() {
        AckWatchdog w = new AckWatchdog(Duration.ofSeconds(10));
        w.sending(0);
        w.sending(5 * S);
        assertThat(w.stalled(9 * S)).isFalse();
        assertThat(w.stalled(10 * S))
                .as("counted from the first unanswered send")
                .isTrue();
    }

    @Test
    void eachAnswerRestartsTheWait() {
        AckWatchdog w = new AckWatchdog(Duration.ofSeconds(10));
        w.sending(0);
        w.sending(0);
        w.completed(8 * S, null);
        assertThat(w.stalled(17 * S)).isFalse();
        assertThat(w.stalled(18 * S)).isTrue();
    }

    @Test
    void aBrokerRefusalIsAnAnswerButAProducerTimeoutIsNot() {
        AckWatchdog w = new AckWatchdog(Duration.ofSeconds(10));
        w.sending(0);
        w.sending(0);
        w.completed(8 * S, new RecordTooLargeException("too large"));
        assertThat(w.stalled(17 * S)).isFalse();
        w.completed(9 * S, new TimeoutException("Expiring 1 record(s)"));
        assertThat(w.pending()).isZero();
        assertThat(w.stalled(18 * S))
                .as("all sends failed for want of an answer: still stalled, the next send must not go ahead")
                .isTrue();
        assertThat(AckWatchdog.isSilence(new BufferExhaustedException("no memory")))
                .isTrue();
        assertThat(AckWatchdog.isSilence(new RecordTooLargeException("x"))).isFalse();
    }

    @Test
    void failuresAreReportedAndRefusalsCountedUntilTheRecordsAreAbandoned() {
        AckWatchdog w = new AckWatchdog(Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            w.sending(0);
        }
        assertThat(w.completed(1 * S, null))
                .as("an acknowledgement is nothing to report")
                .isFalse();
        assertThat(w.completed(2 * S, new RecordTooLargeException("too large"))).isTrue();
        assertThat(w.completed(3 * S, new TimeoutException("Expiring 1 record(s)")))
                .isTrue();
        assertThat(w.refused())
                .as("only the broker's refusal, not the producer's timeout")
                .isEqualTo(1);
        w.abandon();
        assertThat(w.completed(4 * S, new org.apache.kafka.common.KafkaException("Producer is closed forcefully")))
                .as("records failed by the close after a stall: the stall message counts them")
                .isFalse();
        assertThat(w.completed(5 * S, new RecordTooLargeException("too large"))).isFalse();
        assertThat(w.refused()).isEqualTo(1);
        assertThat(w.pending()).isZero();
    }

    @Test
    void awaitCompletionReturnsOnceAllAreAnsweredOrWhenStalled() throws Exception {
        AckWatchdog answered = new AckWatchdog(Duration.ofSeconds(10));
        answered.sending(0);
        answered.completed(1 * S, null);
        assertThat(answered.awaitCompletion(() -> 2 * S)).isTrue();

        AckWatchdog silent = new AckWatchdog(Duration.ofMillis(10));
        silent.sending(0);
        AtomicLong clock = new AtomicLong();
        // each look at the clock moves it on a millisecond: the wait ends at the timeout, not never
        long ms = 1_000_000L;
        assertThat(silent.awaitCompletion(() -> clock.getAndAdd(ms))).isFalse();
        assertThat(clock.get()).isBetween(10 * ms, 12 * ms);
    }

    /**
     * Sends that wait in vain are "not acknowledged", which is true of brokers that are gone and of brokers that
     * refuse every write with an error the producer retries; reads that return nothing are "not answered".
     */
    @Test
    void theStallMessageSaysWhatTheBrokersStoppedDoing() {
        AckWatchdog w = new AckWatchdog(Duration.ofSeconds(120));
        assertThat(BrokerTimeoutOption.stalledMessage("k1:9092", w, BrokerTimeoutOption.Stall.NO_ACKNOWLEDGEMENT))
                .isEqualTo("the Kafka brokers at k1:9092 stopped acknowledging (no acknowledgement for 120 s,"
                        + " --timeout)");
        assertThat(BrokerTimeoutOption.stalledMessage("k1:9092", w, BrokerTimeoutOption.Stall.NOTHING_READ))
                .isEqualTo("the Kafka brokers at k1:9092 stopped answering (nothing read for 120 s, --timeout)");
    }
}
