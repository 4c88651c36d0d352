package io.wireingest.worker.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the worker's topics when they are missing (the articles topic compacted: latest version of a uri wins), with
 * {@code max.message.bytes} large enough for the worker's largest record when given; checks that existing topics take
 * that size too ({@link #fitMessageSize}).
 */
public final class Topics {
    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {}

    /**
     * Creates the missing topics among raw, articles and rejected, with {@code max.message.bytes} set.
     *
     * @param maxMessageBytes the topics' {@code max.message.bytes} (see
     *     {@link io.wireingest.worker.config.WorkerConfig#kafkaMessageBytes()}); 0: the broker's default
     * @return the topics created
     */
    public static List<String> ensure(
            Admin admin,
            String raw,
            String articles,
            String rejected,
            int partitions,
            short replicationFactor,
            int maxMessageBytes)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        return ensure(
                admin,
                List.of(raw, articles, rejected),
                Set.of(articles),
                partitions,
                replicationFactor,
                maxMessageBytes);
    }

    /**
     * Creates the missing topics among {@code names}; those in {@code compacted} get {@code cleanup.policy=compact},
     * all get {@code max.message.bytes} when it is positive.
     *
     * @return the topics created
     */
    public static List<String> ensure(
            Admin admin,
            List<String> names,
            Set<String> compacted,
            int partitions,
            short replicationFactor,
            int maxMessageBytes)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
        List<NewTopic> wanted = new ArrayList<>();
        for (String name : names) {
            if (!existing.contains(name)) {
                NewTopic topic = new NewTopic(name, Optional.of(partitions), rf);
                Map<String, String> configs = new HashMap<>();
                if (compacted.contains(name)) {
                    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                }
                if (maxMessageBytes > 0) {
                    configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
                }
                topic.configs(configs);
                wanted.add(topic);
            }
        }
        List<String> created = new ArrayList<>();
        if (wanted.isEmpty()) {
            return created;
        }
        var result = admin.createTopics(wanted);
        for (NewTopic t : wanted) {
            try {
                result.values().get(t.name()).get(30, TimeUnit.SECONDS);
                created.add(t.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        if (!created.isEmpty()) {
            awaitLeaders(admin, created);
            LOG.info(
                    "created topics {} ({} partitions{})",
                    created,
                    partitions,
                    maxMessageBytes > 0 ? ", max.message.bytes " + maxMessageBytes : "");
        }
        return created;
    }

    /**
     * An existing topic whose {@code max.message.bytes} is below what the worker's records need.
     *
     * @param raised whether it was raised to {@code needed} (embedded broker) or only reported (external cluster)
     */
    public record Undersized(String topic, int current, int needed, boolean raised) {}

    /**
     * Checks the {@code max.message.bytes} of those of {@code names} that exist. Below {@code needed}, a topic is
     * raised to it with {@code incrementalAlterConfigs} (logged at INFO) when {@code raise}, which the worker does
     * only on the embedded broker it owns; otherwise a WARN names the topic, its value and the value needed, and the
     * topic is left as it is. When {@code raise} is false a failure to read the configs (no DescribeConfigs
     * permission, say) is logged as a WARN too, not thrown.
     *
     * @return the topics found below {@code needed}
     */
    public static List<Undersized> fitMessageSize(Admin admin, List<String> names, int needed, boolean raise)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<ConfigResource, Config> configs;
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = names.stream()
                    .filter(existing::contains)
                    .distinct()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                    .toList();
            if (resources.isEmpty()) {
                return List.of();
            }
            configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            if (raise) {
                throw e;
            }
            LOG.warn(
                    "could not check max.message.bytes of topics {} (needed: {}): {}",
                    names,
                    needed,
                    BrokerErrors.describe(e));
            return List.of();
        }
        List<Undersized> found = new ArrayList<>();
        for (String name : names) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry == null || entry.value() == null) {
                continue;
            }
            int current;
            try {
                current = Integer.parseInt(entry.value().trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (current < needed && found.stream().noneMatch(u -> u.topic().equals(name))) {
                found.add(new Undersized(name, current, needed, raise));
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        if (raise) {
            Map<ConfigResource, Collection<AlterConfigOp>> ops = new LinkedHashMap<>();
            for (Undersized u : found) {
                ops.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, u.topic()),
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(needed)),
                                AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
            for (Undersized u : found) {
                LOG.info(
                        "raised max.message.bytes of topic {} from {} to {}: the worker's records need it "
                                + "(INGEST_MAX_ITEM_BYTES / INGEST_MAX_RECORD_BYTES)",
                        u.topic(),
                        u.current(),
                        needed);
            }
        } else {
            for (Undersized u : found) {
                LOG.warn(
                        "topic {} has max.message.bytes {}, below the {} the worker's records need "
                                + "(INGEST_MAX_ITEM_BYTES / INGEST_MAX_RECORD_BYTES): the broker will refuse the "
                                + "largest items, articles and dead letters; raise it, e.g. kafka-configs.sh --alter "
                                + "--entity-type topics --entity-name {} --add-config max.message.bytes={}",
                        u.topic(),
                        u.current(),
                        needed,
                        u.topic(),
                        needed);
            }
        }
        return found;
    }

    /** Waits (bounded) until every partition has a leader: producing before that is refused and retried. */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                boolean ready = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // Metadata not there yet: ask again.
            }
            Thread.sleep(100);
        }
    }
}
