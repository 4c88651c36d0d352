package io.wireingest.worker.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the worker's topics when they are missing (the articles topic compacted: latest version of a uri wins), with
 * {@code max.message.bytes} large enough for the worker's largest record when given. Existing topics are left as
 * they are.
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
