package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Topics made before the item limit was raised (an existing data directory, or topics someone else created): the
 * start-up step raises their {@code max.message.bytes} when the worker owns the broker, and warns otherwise.
 */
@ExtendWith(SharedKafka.class)
class TopicSizesIT {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger topicsLog = (Logger) LoggerFactory.getLogger(Topics.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        topicsLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        topicsLog.detachAppender(logs);
    }

    @Test
    void undersizedTopicsAreRaisedOnTheEmbeddedBrokerAndReportedOnAnExternalOne() throws Exception {
        String name = "topic-sizes-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        List<String> small = List.of(name + ".raw", name + ".articles");
        String big = name + ".rejected";
        List<String> all = List.of(small.get(0), small.get(1), big);
        try (Admin admin = Admin.create(SharedKafka.clientProps())) {
            admin.createTopics(List.of(
                            new NewTopic(small.get(0), 1, (short) 1).configs(Map.of("max.message.bytes", "100000")),
                            new NewTopic(small.get(1), 1, (short) 1).configs(Map.of("max.message.bytes", "100000")),
                            new NewTopic(big, 1, (short) 1).configs(Map.of("max.message.bytes", "300000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            // A topic just created may not be listed yet (its metadata is still spreading): wait until it is.
            TestTopics.awaitLeaders(admin, all);

            // External cluster: reported, never altered.
            List<Topics.Undersized> reported = Topics.fitMessageSize(admin, all, 200_000, false);
            assertThat(reported)
                    .containsExactly(
                            new Topics.Undersized(small.get(0), 100_000, 200_000, false),
                            new Topics.Undersized(small.get(1), 100_000, 200_000, false));
            assertThat(maxMessageBytes(admin, all)).containsExactly("100000", "100000", "300000");
            assertThat(logs.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .hasSize(2)
                    .allSatisfy(m -> assertThat(m).contains("max.message.bytes 100000, below the 200000"))
                    .anySatisfy(m -> assertThat(m).startsWith("topic " + small.get(0) + " "))
                    .anySatisfy(m -> assertThat(m).startsWith("topic " + small.get(1) + " "));

            // Embedded broker (the worker owns it): raised, logged at INFO; the larger topic is left alone.
            logs.list.clear();
            List<Topics.Undersized> raised = Topics.fitMessageSize(admin, all, 200_000, true);
            assertThat(raised).extracting(Topics.Undersized::raised).containsExactly(true, true);
            assertThat(awaitMaxMessageBytes(admin, all, List.of("200000", "200000", "300000")))
                    .containsExactly("200000", "200000", "300000");
            assertThat(logs.list)
                    .filteredOn(e -> e.getLevel() == Level.INFO)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "raised max.message.bytes of topic " + small.get(0) + " from 100000 to 200000: the "
                                    + "worker's records need it (INGEST_MAX_ITEM_BYTES / INGEST_MAX_RECORD_BYTES)",
                            "raised max.message.bytes of topic " + small.get(1) + " from 100000 to 200000: the "
                                    + "worker's records need it (INGEST_MAX_ITEM_BYTES / INGEST_MAX_RECORD_BYTES)");

            // Nothing left to do, and missing topics are not checked.
            assertThat(Topics.fitMessageSize(admin, List.of(small.get(0), name + ".missing"), 200_000, true))
                    .isEmpty();
        }
    }

    /** The values once they are as expected (the broker applies an alteration from the metadata log), bounded. */
    private static List<String> awaitMaxMessageBytes(Admin admin, List<String> topics, List<String> expected)
            throws Exception {
        List<String> values = maxMessageBytes(admin, topics);
        for (int i = 0; i < 100 && !values.equals(expected); i++) {
            Thread.sleep(100);
            values = maxMessageBytes(admin, topics);
        }
        return values;
    }

    private static List<String> maxMessageBytes(Admin admin, List<String> topics) throws Exception {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        return resources.stream()
                .map(r -> configs.get(r).get("max.message.bytes").value())
                .toList();
    }
}
