package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wireingest.worker.WorkerService;
import io.wireingest.worker.config.WorkerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The happy path against a real broker container (apache/kafka), for machines with Docker. Without a Docker engine
 * the whole class is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersWorkerIT {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void normalizesABareItemThroughARealBrokerContainer() throws Exception {
        WorkerConfig config = WorkerConfig.load(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", KAFKA.getBootstrapServers(),
                        "INGEST_HTTP_PORT", "-1",
                        "INGEST_THREADS", "1",
                        "INGEST_PARTITIONS", "1",
                        "INGEST_INSTANCE_ID", "container"),
                new Properties());
        try (WorkerService service = new WorkerService(config).start()) {
            Map<String, Object> props = Map.of(
                    "bootstrap.servers", KAFKA.getBootstrapServers(),
                    "key.serializer", ByteArraySerializer.class,
                    "value.serializer", ByteArraySerializer.class);
            RecordHeaders headers = new RecordHeaders();
            headers.add("content-type", "text/plain; charset=utf-8".getBytes(StandardCharsets.UTF_8));
            headers.add("feed", "yonhap-en".getBytes(StandardCharsets.UTF_8));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                producer.send(new ProducerRecord<>(
                                "wire.raw",
                                null,
                                "tc-1".getBytes(StandardCharsets.UTF_8),
                                ("Shipbuilders win orders\n\nSEOUL, March 12 (Yonhap) -- South Korean shipbuilders "
                                                + "won 12 orders last month, data showed.\n\n(END)\n")
                                        .getBytes(StandardCharsets.UTF_8),
                                headers))
                        .get();
            }
            Map<String, Object> consumerProps = Map.of(
                    "bootstrap.servers",
                    KAFKA.getBootstrapServers(),
                    "group.id",
                    "tc-reader",
                    "auto.offset.reset",
                    "earliest",
                    "isolation.level",
                    "read_committed",
                    "key.deserializer",
                    ByteArrayDeserializer.class,
                    "value.deserializer",
                    ByteArrayDeserializer.class);
            List<ConsumerRecord<byte[], byte[]>> articles = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
                consumer.subscribe(List.of("wire.articles"));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(articles::add);
                    return !articles.isEmpty();
                });
            }
            assertThat(new String(articles.get(0).key(), StandardCharsets.UTF_8))
                    .isEqualTo("urn:wireingest:yonhap-en:tc-1");
            assertThat(service.stop()).isZero();
        }
    }
}
