package io.wireingest.worker.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout SECONDS} option of the client commands that send to Kafka ({@code publish},
 * {@code replay-rejected}): how long they wait for the brokers to answer anything before they give up (see
 * {@link AckWatchdog}); the commands cap their producer's max.block.ms at it ({@link
 * io.wireingest.worker.kafka.KafkaClients#maxBlockAtMost}).
 */
public final class BrokerTimeoutOption {
    /** The default timeout, Kafka's own default {@code delivery.timeout.ms}. */
    static final int DEFAULT_SECONDS = 120;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Give up when the brokers have answered nothing for SECONDS while items wait for them"
                    + " (default: ${DEFAULT-VALUE}); also caps the producer's max.block.ms.")
    int seconds = DEFAULT_SECONDS;

    /** The timeout; a usage error when it is not positive. */
    Duration timeout() throws CliArgs.UsageException {
        if (seconds < 1) {
            throw new CliArgs.UsageException("--timeout: expected a positive number of seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** The one line for brokers that stopped answering, after {@code COMMAND: failed: }. */
    static String stalledMessage(String servers, AckWatchdog watchdog, String what) {
        return "the Kafka brokers at " + servers + " stopped answering (" + what + " for " + watchdog.timeoutSeconds()
                + " s, --timeout)";
    }
}
