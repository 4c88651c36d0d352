package io.wireingest.worker.kafka;

import io.wireingest.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer group's lag on the raw topic as the brokers see it, whoever owns the partitions: for every partition,
 * its read_committed end offset minus the group's committed offset (or minus its earliest offset when the group has
 * committed nothing there, which is where the worker's default {@code auto.offset.reset=earliest} starts). Unlike
 * {@link WorkerMetrics#CONSUMER_LAG}, which only covers the partitions this JVM holds, it still counts the records of
 * a dead worker's partitions before the group notices, and of a group with no live member at all.
 *
 * <p>Also counts the partitions with lag whose committed offset did not move since the previous check: records wait
 * there and nobody commits progress.
 *
 * <p>{@link #start} checks every {@link #INTERVAL} on a daemon thread of its own; each Admin call is bounded by a
 * timeout. A failed check sets the gauges to NaN (logged at WARN once, then at DEBUG until a check succeeds again);
 * it never stops the worker.
 */
public final class GroupLag implements AutoCloseable {
    /** How often {@link #start} checks. */
    public static final Duration INTERVAL = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(GroupLag.class);

    /**
     * One check's result.
     *
     * @param lag records behind the end of the topic, over all its partitions
     * @param partitions partitions of the topic
     * @param stalled partitions with lag whose committed offset did not move since the previous check (0 at the first)
     */
    public record Snapshot(long lag, int partitions, int stalled) {}

    private final Admin admin;
    private final String groupId;
    private final String topic;
    private final WorkerMetrics metrics;
    private final Duration timeout;
    private final Object lock = new Object();
    /** Committed offset per partition at the previous successful check (-1: none); null before the first. */
    private Map<TopicPartition, Long> previous;

    private boolean failing;
    private ScheduledExecutorService scheduler;

    /**
     * @param admin an Admin client (shared; not closed here)
     * @param timeout bound of each Admin call
     */
    public GroupLag(Admin admin, String groupId, String topic, WorkerMetrics metrics, Duration timeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.topic = topic;
        this.metrics = metrics;
        this.timeout = timeout;
        metrics.registerGroupLag(topic);
    }

    /** Checks now and then every {@code interval} on a daemon thread, until {@link #close}. */
    public synchronized GroupLag start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "group-lag");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One check, which never throws: the gauges are set, or NaN after a failure. */
    void checkQuietly() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A check runs on a scheduler: anything escaping would cancel every later check.
            metrics.groupLagUnknown(topic);
            String why = e instanceof ExecutionException && e.getCause() != null
                    ? BrokerErrors.describe(e.getCause())
                    : e.toString();
            boolean first;
            synchronized (lock) {
                first = !failing;
                failing = true;
            }
            if (first) {
                LOG.warn(
                        "cannot read the lag of group {} on {} ({} set to NaN; further failures at DEBUG): {}",
                        groupId,
                        topic,
                        "ingest_group_lag",
                        why);
            } else {
                LOG.debug("cannot read the lag of group {} on {}: {}", groupId, topic, why);
            }
        }
    }

    /**
     * Reads the group's lag from the brokers now and sets the gauges.
     *
     * @throws ExecutionException an Admin call failed (unknown topic, authorization, ...)
     * @throws TimeoutException an Admin call did not answer within the timeout
     */
    public Snapshot check() throws InterruptedException, ExecutionException, TimeoutException {
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        long waitMs = ms + 1000L;
        TopicDescription description = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(ms))
                .allTopicNames()
                .get(waitMs, TimeUnit.MILLISECONDS)
                .get(topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicPartition tp : partitions) {
            latest.put(tp, OffsetSpec.latest());
            earliest.put(tp, OffsetSpec.earliest());
        }
        // read_committed: the end is the last stable offset, as the worker's read_committed consumers see it.
        ListOffsetsOptions committedReads = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        committedReads.timeoutMs(ms);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest, committedReads).all().get(waitMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                        new ListConsumerGroupOffsetsOptions().timeoutMs(ms))
                .partitionsToOffsetAndMetadata(groupId)
                .get(waitMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                admin.listOffsets(earliest, committedReads).all().get(waitMs, TimeUnit.MILLISECONDS);

        long lag = 0;
        int stalled = 0;
        Map<TopicPartition, Long> now = new HashMap<>();
        synchronized (lock) {
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp).offset();
                OffsetAndMetadata c = committed.get(tp);
                long position = c != null ? c.offset() : -1;
                // Nothing committed: the worker starts at the earliest offset. Records before the earliest offset
                // are gone (retention): they are no lag.
                long from = Math.max(position, starts.get(tp).offset());
                long behind = Math.max(0, end - from);
                lag += behind;
                now.put(tp, position);
                if (behind > 0 && previous != null && previous.containsKey(tp) && previous.get(tp) == position) {
                    stalled++;
                }
            }
            previous = now;
            if (failing) {
                LOG.info("the lag of group {} on {} is readable again", groupId, topic);
                failing = false;
            }
        }
        metrics.groupLag(topic, lag, stalled);
        return new Snapshot(lag, partitions.size(), stalled);
    }

    /** Stops the checks (the Admin client is its owner's to close). */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.debug("the group-lag check did not end within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
