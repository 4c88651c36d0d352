package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /articles reads back through {@link ArticleReader}: commit markers must not hide the newest articles. */
@ExtendWith(SharedKafka.class)
class ArticleReaderIT {
    @Test
    void theNewestArticlesComeBackEvenWhenEveryArticleHadItsOwnTransaction() throws Exception {
        TestTopics topics = TestTopics.create("reader", 1);
        Map<String, Object> props = new HashMap<>(SharedKafka.clientProps());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.name() + "-tx");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            for (int i = 1; i <= 5; i++) {
                producer.beginTransaction();
                producer.send(
                        new ProducerRecord<>(topics.articles(), bytes("a" + i), bytes("{\"uri\":\"a" + i + "\"}")));
                producer.commitTransaction();
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topics.articles(), bytes("x"), bytes("{\"uri\":\"aborted\"}")));
            producer.abortTransaction();
        }
        KafkaClients clients = new KafkaClients(topics.config("reader", Map.of()), SharedKafka.bootstrapServers());
        try (ArticleReader reader = new ArticleReader(clients, topics.articles())) {
            assertThat(reader.newest(1, Duration.ofSeconds(20))).containsExactly("{\"uri\":\"a5\"}");
            List<String> three = reader.newest(3, Duration.ofSeconds(20));
            assertThat(three).containsExactly("{\"uri\":\"a5\"}", "{\"uri\":\"a4\"}", "{\"uri\":\"a3\"}");
            assertThat(reader.newest(50, Duration.ofSeconds(20))).hasSize(5).doesNotContain("{\"uri\":\"aborted\"}");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
