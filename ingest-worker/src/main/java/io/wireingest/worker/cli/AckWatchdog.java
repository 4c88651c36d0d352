package io.wireingest.worker.cli;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Notices brokers that stopped acknowledging a client command ({@code publish}, {@code replay-rejected}): the command
 * tells it of every record it hands to the producer and of every answer, and it says when the brokers have answered
 * nothing for the timeout while records wait for them. Without it a command whose broker died goes on reading its
 * input, each {@code send()} blocking for the producer's {@code max.block.ms}, for as long as there is input.
 *
 * <p>An answer is an acknowledgement or a broker's refusal; a send that the producer itself gave up on (a Kafka
 * {@link TimeoutException}: the record expired, no metadata, no buffer memory) is not one, so a run whose every
 * send times out still stalls. An answer is only what reaches the command: a refusal that the producer retries
 * (NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER, ...) never does, so brokers that are up but refuse every write so
 * stall the command like brokers that are gone, and the client does not tell the two apart (hence "stopped
 * acknowledging" in the message, {@link BrokerTimeoutOption#stalledMessage}). Thread-safe: answers arrive on the
 * producer's thread. Times are {@link System#nanoTime()} values, passed in so that tests can drive the clock.
 */
final class AckWatchdog {
    private final long timeoutNanos;
    private long pending;
    private long refused;
    private boolean abandoned;
    /** When the current wait for an answer started (the first unanswered send, or the last answer); -1: none. */
    private long waitingSince = -1;

    AckWatchdog(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** A record is handed to the producer. */
    synchronized void sending(long now) {
        pending++;
        if (waitingSince < 0) {
            waitingSince = now;
        }
    }

    /**
     * The producer completed a record: {@code error} null (acknowledged) or why it failed.
     *
     * @return whether the command should report this failure: false for an acknowledgement, and for the failures
     *     of records left when the command {@linkplain #abandon abandoned} them (its stall message counts those); a
     *     reported failure that is not {@linkplain #isSilence silence} counts as {@linkplain #refused refused}
     */
    synchronized boolean completed(long now, Exception error) {
        pending--;
        if (error == null || !isSilence(error)) {
            waitingSince = pending == 0 ? -1 : now;
        }
        notifyAll();
        if (error == null || abandoned) {
            return false;
        }
        if (!isSilence(error)) {
            refused++;
        }
        return true;
    }

    /** The command gives up on the records still pending (after a stall): their failures are not reported. */
    synchronized void abandon() {
        abandoned = true;
    }

    /** Reported failures the brokers answered (refusals), as opposed to sends nobody answered. */
    synchronized long refused() {
        return refused;
    }

    /** Whether the failure means the brokers did not answer (the producer gave up waiting), not that they refused. */
    static boolean isSilence(Exception error) {
        return error instanceof TimeoutException;
    }

    /** Records handed to the producer and not completed yet. */
    synchronized long pending() {
        return pending;
    }

    /** Whether records have waited for an answer for the timeout or longer. */
    synchronized boolean stalled(long now) {
        return waitingSince >= 0 && now - waitingSince >= timeoutNanos;
    }

    /**
     * Waits until every record handed over is completed (true) or the brokers stalled (false), whichever is first:
     * at most the timeout after the last answer.
     */
    synchronized boolean awaitCompletion(LongSupplier clock) throws InterruptedException {
        while (pending > 0) {
            long now = clock.getAsLong();
            if (stalled(now)) {
                return false;
            }
            long left = waitingSince < 0 ? timeoutNanos : waitingSince + timeoutNanos - now;
            wait(Math.max(1, Math.min(left / 1_000_000 + 1, 1000)));
        }
        return true;
    }

    /** The timeout, in whole seconds (for messages). */
    long timeoutSeconds() {
        return Math.max(1, timeoutNanos / 1_000_000_000L);
    }
}
