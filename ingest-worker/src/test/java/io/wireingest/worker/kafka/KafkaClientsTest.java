package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.config.WorkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
    @Test
    void everyClientIsSizedForTheLargestRecordTheWorkerSends() throws Exception {
        WorkerConfig config = WorkerConfig.defaults();
        KafkaClients clients = new KafkaClients(config, "b:9092");
        int size = config.kafkaMessageBytes();
        assertThat(size).isGreaterThan(config.maxRecordBytes());
        assertThat(clients.producer("p")).containsEntry("max.request.size", size);
        assertThat(clients.transactionalProducerProps("t", "p")).containsEntry("max.request.size", size);
        assertThat(clients.transactionalConsumerProps("g", "t", "c")).containsEntry("max.partition.fetch.bytes", size);
        assertThat(clients.reader("r")).containsEntry("max.partition.fetch.bytes", size);

        WorkerConfig bigger = config.with(Map.of("KAFKA_CLIENT_MAX_REQUEST_SIZE", "9000000"));
        assertThat(new KafkaClients(bigger, "b:9092").producer("p")).containsEntry("max.request.size", "9000000");
    }

    @Test
    void theEmbeddedBrokerTakesMessagesOfTheGivenSize() {
        assertThat(EmbeddedBroker.serverProperties(Path.of("/tmp/x"), 9092, 9093, 1_480_024))
                .containsEntry("message.max.bytes", "1480024")
                .containsEntry("socket.request.max.bytes", "104857600");
        assertThat(EmbeddedBroker.serverProperties(Path.of("/tmp/x"), 9092, 9093, 200_000_000))
                .containsEntry("message.max.bytes", "200000000")
                .containsEntry("socket.request.max.bytes", "201048576");
    }

    @Test
    void theWorkersConsumersAreStaticMembersUnderTheirTransactionalIds() throws Exception {
        KafkaClients clients = new KafkaClients(WorkerConfig.defaults(), "b:9092");
        assertThat(clients.transactionalConsumerProps("wire-ingest", "wire-ingest-host-0", "c"))
                .containsEntry("group.id", "wire-ingest")
                .containsEntry("group.instance.id", "wire-ingest-host-0");
        assertThat(clients.reader("r")).doesNotContainKey("group.instance.id");
    }

    @Test
    void maxBlockIsCappedAtTheCallersTimeoutAndASmallerExplicitOneKept() {
        // POST /items: the producer blocks no longer than the send timeout.
        Map<String, Object> base = Map.of("bootstrap.servers", "b:9092");
        assertThat(KafkaClients.maxBlockAtMost(base, Duration.ofSeconds(15)))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000L)
                .containsEntry("bootstrap.servers", "b:9092");
        assertThat(KafkaClients.maxBlockAtMost(
                        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000"), Duration.ofSeconds(15)))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000L);
        assertThat(KafkaClients.maxBlockAtMost(
                        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000), Duration.ofSeconds(15)))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000L);
        // publish / replay-rejected --timeout.
        assertThat(KafkaClients.maxBlockAtMost(Map.of(), Duration.ofSeconds(120)))
                .as("Kafka's default when it is shorter")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000L);
        assertThat(KafkaClients.maxBlockAtMost(Map.of(), Duration.ofSeconds(3)))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000L);
        assertThat(KafkaClients.maxBlockAtMost(
                        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000"), Duration.ofSeconds(120)))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000L);
        assertThat(KafkaClients.maxBlockAtMost(
                        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"), Duration.ofSeconds(120)))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000L);
    }
}
