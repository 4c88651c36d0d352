package io.wireingest.worker.kafka;

import io.wireingest.worker.config.WorkerConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka client settings built from the worker configuration: the pass-through {@code kafka.*} settings first (TLS,
 * SASL, timeouts), then what exactly-once needs, which the configuration does not let anyone override. Sizes follow
 * the item limit ({@link WorkerConfig#kafkaMessageBytes()}): every producer may send the largest record the worker
 * makes (an item at the limit, a dead letter carrying it, an article), every consumer fetches it in one go.
 */
public final class KafkaClients implements TransactionalLoop.ClientFactory {
    private final WorkerConfig config;
    private final String bootstrapServers;

    public KafkaClients(WorkerConfig config, String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    public WorkerConfig config() {
        return config;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Settings shared by every client. */
    public Map<String, Object> common(String clientId) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** The admin client's settings. */
    public Map<String, Object> admin(String clientId) {
        return common(clientId);
    }

    @Override
    public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> transactionalConsumer(
            String groupId, String groupInstanceId, String clientId) {
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                transactionalConsumerProps(groupId, groupInstanceId, clientId));
    }

    @Override
    public org.apache.kafka.clients.producer.Producer<byte[], byte[]> transactionalProducer(
            String transactionalId, String clientId) {
        return new org.apache.kafka.clients.producer.KafkaProducer<>(
                transactionalProducerProps(transactionalId, clientId));
    }

    /**
     * A read_committed consumer of the worker's group, offsets committed only through transactions, a static member
     * under {@code groupInstanceId}.
     */
    public Map<String, Object> transactionalConsumerProps(String groupId, String groupInstanceId, String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        fetchSizes(props);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** A group-less read_committed consumer for reading topics back (GET /articles, replay, tools). */
    public Map<String, Object> reader(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        fetchSizes(props);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** A partition fetch holds at least one record of the largest size (unless set explicitly). */
    private void fetchSizes(Map<String, Object> props) {
        props.putIfAbsent(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Math.max(ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES, config.kafkaMessageBytes()));
    }

    /** A transactional, idempotent producer. */
    public Map<String, Object> transactionalProducerProps(String transactionalId, String clientId) {
        Map<String, Object> props = producer(clientId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return props;
    }

    /** An idempotent producer with acks=all (POST /items, publish, replay). */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        // An item at the limit, its dead letter or its article must never fail a send (the configuration refuses an
        // explicit max.request.size below this).
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.kafkaMessageBytes());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** Kafka's default {@code max.block.ms}. */
    private static final long KAFKA_DEFAULT_MAX_BLOCK_MS = 60_000;

    /**
     * Producer settings {@code base} with {@code max.block.ms} at most {@code limit}, so that a {@code send()} waiting
     * for metadata or buffer memory never outlasts the caller's own timeout: the configured value (Kafka's default,
     * 60 s, when unset) or {@code limit}, whichever is smaller. A value that is not a number is replaced (Kafka would
     * refuse it).
     */
    public static Map<String, Object> maxBlockAtMost(Map<String, Object> base, java.time.Duration limit) {
        Map<String, Object> props = new HashMap<>(base);
        long configured = KAFKA_DEFAULT_MAX_BLOCK_MS;
        Object value = props.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        if (value != null) {
            try {
                configured = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                // Replaced below.
            }
        }
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(limit.toMillis(), configured));
        return props;
    }
}
