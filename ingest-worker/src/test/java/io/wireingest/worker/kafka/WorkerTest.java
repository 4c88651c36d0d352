package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ConsumedRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's threads and its fatal path, with Kafka's mock clients; and how it words fatal errors. */
class WorkerTest {
    private static final TopicPartition TP = new TopicPartition("wire.raw", 0);

    @TempDir
    Path dir;

    private static WorkerConfig config(Map<String, String> env) throws WorkerConfig.InvalidConfigException {
        return WorkerConfig.load(env, new Properties());
    }

    @Test
    void anErrorInAConsumerThreadStopsTheWorkerWithExitCodeOne() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            consumer.updateBeginningOffsets(Map.of(TP, 0L));
            consumer.addRecord(ConsumedRecords.record(
                    "wire.raw",
                    0,
                    0,
                    System.currentTimeMillis(),
                    "k0",
                    "item".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders()));
        });
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        TransactionalLoop.ClientFactory clients = new TransactionalLoop.ClientFactory() {
            @Override
            public Producer<byte[], byte[]> transactionalProducer(String transactionalId, String clientId) {
                return producer;
            }

            @Override
            public Consumer<byte[], byte[]> transactionalConsumer(
                    String groupId, String groupInstanceId, String clientId) {
                return consumer;
            }
        };
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        Worker worker = new Worker(
                config(Map.of("INGEST_THREADS", "1", "INGEST_TRANSFORM_THREADS", "0", "INGEST_POLL_TIMEOUT_MS", "20")),
                clients,
                "wire.raw",
                () -> record -> {
                    throw new OutOfMemoryError("simulated");
                },
                metrics);
        worker.start();

        assertThat(worker.awaitTermination(Duration.ofSeconds(20))).isTrue();
        assertThat(worker.fatal()).containsInstanceOf(OutOfMemoryError.class);
        assertThat(worker.fatalThread()).contains("ingest-0");
        assertThat(worker.exitCode()).isEqualTo(Worker.EXIT_FATAL);
        assertThat(worker.ready()).isFalse();
        assertThat(metrics.registry()
                        .find(WorkerMetrics.TRANSACTIONS_ABORTED)
                        .tag("cause", "fatal")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(producer.commitCount()).isZero();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aFencedInstanceIdNamesTheKeyTheGroupAndTheValue() throws Exception {
        Worker worker = new Worker(
                config(Map.of("INGEST_INSTANCE_ID", "node-a", "INGEST_GROUP_ID", "g1")),
                (TransactionalLoop.ClientFactory) null,
                "wire.raw",
                () -> null,
                null);
        String message = worker.describeFatal(new KafkaException(
                "poll failed", new FencedInstanceIdException("The broker rejected this static consumer")));
        assertThat(message)
                .startsWith("another worker in group g1 runs with INGEST_INSTANCE_ID=node-a (default: the host name);"
                        + " give each worker its own (FencedInstanceIdException: The broker rejected");
    }

    @Test
    void aFencedInstanceIdSetInTheConfigFileNamesTheFile() throws Exception {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "ingest.instance.id=node-b\n");
        Worker worker = new Worker(
                WorkerConfig.load(Map.of(), file), (TransactionalLoop.ClientFactory) null, "t", () -> null, null);
        assertThat(worker.describeFatal(new FencedInstanceIdException("x")))
                .startsWith("another worker in group wire-ingest runs with ingest.instance.id=node-b (in " + file
                        + ") (default: the host name); give each worker its own");
    }

    @Test
    void aFencedProducerPointsAtTheInstanceIdToo() throws Exception {
        Worker worker = new Worker(
                config(Map.of("INGEST_INSTANCE_ID", "node-a")),
                (TransactionalLoop.ClientFactory) null,
                "t",
                () -> null,
                null);
        assertThat(worker.describeFatal(new ProducerFencedException("newer epoch")))
                .contains("another producer took over this worker's transactional id")
                .contains("another worker runs with INGEST_INSTANCE_ID=node-a");
        // Refused operations and credentials point at the ACLs and the security settings.
        assertThat(worker.describeFatal(new KafkaException(
                        "send failed", new TopicAuthorizationException(java.util.Set.of("wire.articles")))))
                .startsWith("TopicAuthorizationException: Not authorized to access topics: [wire.articles]; grant the"
                        + " principal of the worker's Kafka settings the ACLs listed under \"Kafka ACLs\"");
        assertThat(worker.describeFatal(new SaslAuthenticationException("Authentication failed")))
                .isEqualTo("SaslAuthenticationException: Authentication failed; check kafka.security.protocol and the"
                        + " ssl./sasl. settings (KAFKA_CLIENT_*)");
        // Other errors are described as they are.
        assertThat(worker.describeFatal(new OutOfMemoryError("Java heap space")))
                .isEqualTo("OutOfMemoryError: Java heap space");
    }
}
