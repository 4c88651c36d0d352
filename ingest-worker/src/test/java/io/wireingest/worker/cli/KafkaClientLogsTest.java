package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The Kafka clients' warnings are kept off the terminal of the one-shot commands, not off `run`'s log. */
class KafkaClientLogsTest {
    private static Logger kafka() {
        return (Logger) LoggerFactory.getLogger(KafkaClientLogs.KAFKA_LOGGER);
    }

    @Test
    void oneShotCommandsLogKafkaErrorsOnlyAndTheLevelIsRestoredAfterwards() {
        Level before = kafka().getLevel();
        assertThat(kafka().getEffectiveLevel()).as("as shipped in logback.xml").isEqualTo(Level.WARN);
        for (String command :
                new String[] {"publish", "replay-rejected", "normalize", "bench", "evaluate-extraction"}) {
            try (KafkaClientLogs quiet = KafkaClientLogs.quietFor(command)) {
                assertThat(kafka().isWarnEnabled()).as(command).isFalse();
                assertThat(kafka().isErrorEnabled()).as(command).isTrue();
                assertThat(LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient")
                                .isWarnEnabled())
                        .as(command)
                        .isFalse();
            }
            assertThat(kafka().getLevel()).isEqualTo(before);
        }
    }

    @Test
    void runKeepsKafkaWarnings() {
        try (KafkaClientLogs quiet = KafkaClientLogs.quietFor("run")) {
            assertThat(kafka().isWarnEnabled()).isTrue();
        }
    }

    @Test
    void aDebugRootLevelKeepsKafkaWarningsForEveryCommand() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        try (KafkaClientLogs quiet = KafkaClientLogs.quietFor("publish")) {
            assertThat(kafka().isWarnEnabled()).isTrue();
        } finally {
            root.setLevel(before);
        }
    }
}
