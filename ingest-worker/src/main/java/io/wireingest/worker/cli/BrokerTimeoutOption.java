package io.wireingest.worker.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout SECONDS} option of the client commands that send to Kafka ({@code publish},
 * {@code replay-rejected}): how long they wait for the brokers to acknowledge anything (or, reading, to return
 * anything) before they give up (see {@link AckWatchdog}); the commands cap their producer's max.block.ms at it
 * ({@link io.wireingest.worker.kafka.KafkaClients#maxBlockAtMost}).
 */
public final class BrokerTimeoutOption {
    /** The default timeout, Kafka's own default {@code delivery.timeout.ms}. */
    static final int DEFAULT_SECONDS = 120;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Give up when the brokers have acknowledged nothing for SECONDS while items wait for them"
                    + " (replay-rejected: or given nothing to read for SECONDS) (default: ${DEFAULT-VALUE}); also caps"
                    + " the producer's max.block.ms.")
    int seconds = DEFAULT_SECONDS;

    /** The timeout; a usage error when it is not positive. */
    Duration timeout() throws CliArgs.UsageException {
        if (seconds < 1) {
            throw new CliArgs.UsageException("--timeout: expected a positive number of seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** What the brokers stopped doing for the timeout. */
    enum Stall {
        /**
         * Records waited for an acknowledgement. "Acknowledging", not "answering": brokers that are up but refuse
         * every write with an error the producer retries until its delivery timeout (NOT_ENOUGH_REPLICAS: fewer
         * in-sync replicas than min.insync.replicas; a partition without a leader) look to the command just like
         * brokers that are gone, and the client does not say which it is.
         */
        NO_ACKNOWLEDGEMENT("stopped acknowledging", "no acknowledgement"),
        /** Nothing could be read while records were left to read ({@code replay-rejected}). */
        NOTHING_READ("stopped answering", "nothing read");

        private final String verb;
        private final String what;

        Stall(String verb, String what) {
            this.verb = verb;
            this.what = what;
        }
    }

    /** The one line for brokers that stalled, after {@code COMMAND: failed: }. */
    static String stalledMessage(String servers, AckWatchdog watchdog, Stall stall) {
        return "the Kafka brokers at " + servers + " " + stall.verb + " (" + stall.what + " for "
                + watchdog.timeoutSeconds() + " s, --timeout)";
    }
}
