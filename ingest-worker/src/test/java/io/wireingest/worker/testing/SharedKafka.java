package io.wireingest.worker.testing;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-JVM single-node KRaft cluster for the whole test run (start-up costs seconds: never one per test). Tests
 * stay independent by using their own topics and groups ({@link TestTopics}). Closed when JUnit closes its root
 * context.
 */
public final class SharedKafka implements BeforeAllCallback {
    private static KafkaClusterTestKit cluster;

    /** The cluster's bootstrap servers, starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            try {
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "3")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "3")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
                Runtime.getRuntime().addShutdownHook(new Thread(SharedKafka::closeQuietly, "shared-kafka-close"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test Kafka cluster", e);
            }
        }
        return cluster.bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        bootstrapServers();
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafka.class.getName(), k -> new Closer(), Closer.class);
    }

    /** Client settings pointing at the shared cluster. */
    public static Map<String, Object> clientProps() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    private static synchronized void closeQuietly() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // Best effort at the end of the run.
            }
            cluster = null;
        }
    }

    @SuppressWarnings("deprecation")
    private static final class Closer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            closeQuietly();
        }
    }
}
