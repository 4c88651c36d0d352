package io.wireingest.worker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Kafka clients' warnings off the terminal of the one-shot commands ({@code publish},
 * {@code replay-rejected}, {@code bench}, ...): with brokers gone, the clients log a WARN per reconnect and retry
 * ("Connection to node 1 ... could not be established", "retrying (2147483646 attempts left)"), hundreds a minute,
 * which break the progress bar while the command itself reports the problem in one line. For those commands
 * {@code org.apache.kafka} logs at ERROR only; {@code run} keeps WARN, which operators of the service want. A root
 * level of DEBUG or TRACE ({@code INGEST_LOG_LEVEL}) keeps the warnings for every command.
 */
public final class KafkaClientLogs implements AutoCloseable {
    /** The logger the Kafka clients (and the embedded broker's server classes) log under. */
    static final String KAFKA_LOGGER = "org.apache.kafka";

    private final Logger logger;
    private final Level before;

    private KafkaClientLogs(Logger logger, Level before) {
        this.logger = logger;
        this.before = before;
    }

    /**
     * Raises the Kafka clients' log level to ERROR for the given command unless it is {@code run} (or the root
     * level asks for details); closing restores it.
     */
    public static KafkaClientLogs quietFor(String command) {
        if ("run".equals(command)
                || !(LoggerFactory.getLogger(KAFKA_LOGGER) instanceof Logger kafka)
                || !(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root)
                || !root.getEffectiveLevel().isGreaterOrEqual(Level.INFO)) {
            return new KafkaClientLogs(null, null);
        }
        Level before = kafka.getLevel();
        if (kafka.getEffectiveLevel().isGreaterOrEqual(Level.ERROR)) {
            return new KafkaClientLogs(null, null);
        }
        kafka.setLevel(Level.ERROR);
        return new KafkaClientLogs(kafka, before);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.setLevel(before);
        }
    }
}
