package io.wireingest.worker.testing;

import io.wireingest.worker.config.WorkerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fresh set of raw / articles / rejected topics and a group on the shared cluster, so that tests sharing one
 * broker never see each other's records; plus small produce and read-back helpers.
 */
public record TestTopics(String name, String raw, String articles, String rejected, String group, int partitions) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Creates the three topics with the given partitions, under a fresh name, on the shared cluster. */
    public static TestTopics create(String prefix, int partitions) {
        String name = prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
        return create(SharedKafka.clientProps(), name, partitions);
    }

    /**
     * Creates {@code NAME.raw}, {@code NAME.articles} and {@code NAME.rejected} (group {@code NAME.group}) with the given
     * partitions on the cluster of {@code clientProps} (a test's own broker), and waits for their leaders.
     */
    public static TestTopics create(Map<String, Object> clientProps, String name, int partitions) {
        TestTopics t = new TestTopics(
                name, name + ".raw", name + ".articles", name + ".rejected", name + ".group", partitions);
        try (Admin admin = Admin.create(clientProps)) {
            admin.createTopics(List.of(
                            new NewTopic(t.raw, partitions, (short) 1),
                            new NewTopic(t.articles, partitions, (short) 1),
                            new NewTopic(t.rejected, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, List.of(t.raw, t.articles, t.rejected));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return t;
    }

    /** Waits until every partition of the topics has a leader (a produce before that can be refused). */
    public static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                boolean ready = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // The topic's metadata has not reached the broker yet: ask again.
            }
            Thread.sleep(100);
        }
    }

    /**
     * Environment-style settings for a one-thread worker on the shared broker that creates its own topics
     * ({@code NAME.raw}, {@code NAME.articles}, {@code NAME.rejected}, one partition each, as sized by its
     * configuration) and serves HTTP on a free loopback port; {@code name} is also its group and instance id.
     */
    public static Map<String, String> ownTopicsEnv(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        env.put("INGEST_RAW_TOPIC", name + ".raw");
        env.put("INGEST_ARTICLES_TOPIC", name + ".articles");
        env.put("INGEST_REJECTED_TOPIC", name + ".rejected");
        env.put("INGEST_GROUP_ID", name);
        env.put("INGEST_INSTANCE_ID", name);
        env.put("INGEST_THREADS", "1");
        env.put("INGEST_PARTITIONS", "1");
        env.put("INGEST_CREATE_TOPICS", "true");
        env.put("INGEST_HTTP_HOST", "127.0.0.1");
        env.put("INGEST_HTTP_PORT", "0");
        env.put("INGEST_POLL_TIMEOUT_MS", "200");
        return env;
    }

    /**
     * Writes a {@code --config} file for the commands ({@code publish}, {@code replay-rejected}) on the shared broker
     * and the given topics.
     */
    public static java.nio.file.Path writeConfigFile(
            java.nio.file.Path file, String raw, String articles, String rejected) throws java.io.IOException {
        java.nio.file.Files.writeString(
                file,
                String.join(
                        "\n",
                        "kafka.bootstrap.servers=" + SharedKafka.bootstrapServers(),
                        "ingest.raw.topic=" + raw,
                        "ingest.articles.topic=" + articles,
                        "ingest.rejected.topic=" + rejected,
                        ""));
        return file;
    }

    /** Environment-style settings for a worker on these topics (no HTTP, no topic creation). */
    public Map<String, String> env(String instance) {
        return env(instance, SharedKafka.bootstrapServers());
    }

    /** Like {@link #env(String)} for these topics on the brokers at {@code bootstrap} (a test's own broker). */
    public Map<String, String> env(String instance, String bootstrap) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("INGEST_RAW_TOPIC", raw);
        env.put("INGEST_ARTICLES_TOPIC", articles);
        env.put("INGEST_REJECTED_TOPIC", rejected);
        env.put("INGEST_GROUP_ID", group);
        env.put("INGEST_INSTANCE_ID", instance);
        env.put("INGEST_THREADS", "2");
        env.put("INGEST_CREATE_TOPICS", "false");
        env.put("INGEST_HTTP_PORT", "-1");
        env.put("INGEST_POLL_TIMEOUT_MS", "200");
        env.put("INGEST_RETRY_BACKOFF_MS", "100");
        return env;
    }

    /** A validated worker configuration on these topics, with overrides. */
    public WorkerConfig config(String instance, Map<String, String> overrides) {
        return config(instance, SharedKafka.bootstrapServers(), overrides);
    }

    /** Like {@link #config(String, Map)} on the brokers at {@code bootstrap} (a test's own broker). */
    public WorkerConfig config(String instance, String bootstrap, Map<String, String> overrides) {
        Map<String, String> env = env(instance, bootstrap);
        env.putAll(overrides);
        try {
            return WorkerConfig.load(env, new java.util.Properties());
        } catch (WorkerConfig.InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bare-bytes raw record with the input headers. */
    public ProducerRecord<byte[], byte[]> bare(Integer partition, String id, String feed, String type, String body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", type.getBytes(StandardCharsets.UTF_8));
        headers.add("feed", feed.getBytes(StandardCharsets.UTF_8));
        headers.add("item-id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", "2026-03-12T01:02:03Z".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                raw, partition, id.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends records and waits for their acknowledgements. */
    public static void produce(List<ProducerRecord<byte[], byte[]>> records) {
        produce(SharedKafka.clientProps(), records);
    }

    /** Sends records to the cluster of {@code clientProps} and waits for their acknowledgements. */
    public static void produce(Map<String, Object> clientProps, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put("key.serializer", ByteArraySerializer.class);
        props.put("value.serializer", ByteArraySerializer.class);
        props.put("acks", "all");
        // One batch in flight: a retry after NOT_LEADER on a brand-new topic cannot then trip over sequence numbers.
        props.put("max.in.flight.requests.per.connection", 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            for (var a : acks) {
                a.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every committed record of a topic (read_committed, from the beginning), reading until at least {@code atLeast}
     * records arrived and the end of every partition is reached, or the timeout passes.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int atLeast, Duration timeout) {
        return read(SharedKafka.clientProps(), topic, atLeast, timeout, "read_committed");
    }

    /** Like {@link #readCommitted(String, int, Duration)} on the cluster of {@code clientProps}. */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            Map<String, Object> clientProps, String topic, int atLeast, Duration timeout) {
        return read(clientProps, topic, atLeast, timeout, "read_committed");
    }

    /** Like {@link #readCommitted} with read_uncommitted (sees aborted records too). */
    public static List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic, int atLeast, Duration timeout) {
        return read(SharedKafka.clientProps(), topic, atLeast, timeout, "read_uncommitted");
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(
            Map<String, Object> clientProps, String topic, int atLeast, Duration timeout, String isolation) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put("key.deserializer", ByteArrayDeserializer.class);
        props.put("value.deserializer", ByteArrayDeserializer.class);
        props.put("isolation.level", isolation);
        props.put("enable.auto.commit", false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() >= atLeast) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    boolean atEnd = partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                    if (atEnd) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The text of a header, or null. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Header names of a record. */
    public static Set<String> headerNames(ConsumerRecord<byte[], byte[]> record) {
        Set<String> names = new java.util.TreeSet<>();
        record.headers().forEach(h -> names.add(h.key()));
        return names;
    }
}
