package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.wireingest.worker.kafka.DeadLetters;
import io.wireingest.worker.testing.ConsumedRecords;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay-rejected} whose sends are never acknowledged. Stopping a broker inside the command's read loop is
 * racy, so the shared test broker stays up, and the command's producer is given a partitioner that puts every
 * dead letter on a partition the target topic does not have ({@link PastTheLastPartition}): the producer holds such
 * records as it holds those of a partition without a leader, asking for metadata again and again, until its
 * delivery timeout (120 s), far beyond the {@code --timeout} of 3 s. Nothing is acknowledged, nothing is written,
 * and no broker is stopped, so each run takes the same path:
 *
 * <ul>
 *   <li>in the read loop: a producer buffer smaller than the dead letters read in one poll makes a send block for
 *       max.block.ms (capped at {@code --timeout}); the check before the next send then finds the stall, and the
 *       command stops before the end of the topic;
 *   <li>after the read loop: a few small dead letters are all handed over at once, the loop reaches the end of the
 *       topic, and the wait for the last acknowledgements ({@link AckWatchdog#awaitCompletion}) gives up.
 * </ul>
 *
 * <p>(A topic with {@code min.insync.replicas=2} does not do: on a one-broker cluster Kafka 4 takes the smaller of
 * that and the replica count as the minimum, and acknowledges.)
 */
@ExtendWith(SharedKafka.class)
class ReplayRejectedBrokerStallIT {
    private static final Pattern STALL = Pattern.compile("replay-rejected: failed: the Kafka brokers at "
            + Pattern.quote(SharedKafka.bootstrapServers())
            + " stopped acknowledging \\(no acknowledgement for 3 s, --timeout\\); (\\d+) replayed, (\\d+) not confirmed;"
            + " (\\d+) of (\\d+) offsets scanned");
    private static final Pattern SUMMARY = Pattern.compile("replayed (\\d+) of (\\d+) matching dead letters \\((\\d+)"
            + " read, (\\d+) offsets scanned\\) from \\S+ to \\S+; (\\d+) failed, 0 skipped \\(body dropped\\)");

    @TempDir
    Path temp;

    @Test
    void aSendBlockedOnAFullBufferEndsTheReadLoopAtTheTimeout() throws Exception {
        TestTopics topics = TestTopics.create("replay-stall-loop", 1);
        // 20 dead letters of 10 KB, all read in the first poll; each takes a 16 KB batch of its own, so a 64 KB
        // buffer holds four of them (never freed: nothing is acknowledged) and the fifth send blocks
        int count = 20;
        produceDeadLetters(topics, count, 10_000);
        Path config = configFile(topics, "kafka.buffer.memory=65536\n");

        CliRun r = replay(config);

        Totals t = stalled(r);
        assertThat(t.total).as(t.err).isEqualTo(count);
        assertThat(t.scanned).as("stopped inside the read loop: " + t.err).isLessThan(count);
        // one partition from offset 0, every dead letter selected: the offsets scanned are those handed over
        assertThat(t.scanned).as(t.err).isEqualTo(t.selected).isPositive();
        assertThat(TestTopics.readUncommitted(topics.raw(), 0, Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void aReplayWhoseLastSendsAreNotAcknowledgedEndsAfterTheReadLoopAtTheTimeout() throws Exception {
        TestTopics topics = TestTopics.create("replay-stall-end", 1);
        // three small dead letters, two of them selected: the loop hands both over and reaches the end at once
        produceDeadLetters(topics, 3, 100);
        Path config = configFile(topics, "");

        CliRun r = replay(config, "--item-id", "dl-1", "--item-id", "dl-3");

        Totals t = stalled(r);
        assertThat(t.selected).as(t.err).isEqualTo(2);
        assertThat(t.read).as(t.err).isEqualTo(3);
        assertThat(t.scanned)
                .as("the whole topic was scanned: " + t.err)
                .isEqualTo(t.total)
                .isEqualTo(3);
        assertThat(TestTopics.readUncommitted(topics.raw(), 0, Duration.ofSeconds(2)))
                .isEmpty();
    }

    /** What the summary and the stall line say, checked against each other. */
    private record Totals(long selected, long read, long scanned, long total, String err) {}

    private static Totals stalled(CliRun r) {
        assertThat(r.exit()).as(r.errText()).isEqualTo(1);
        String last = r.err().get(r.err().size() - 1);
        Matcher stall = STALL.matcher(last);
        assertThat(stall.matches()).as(r.errText()).isTrue();
        long replayed = Long.parseLong(stall.group(1));
        long notConfirmed = Long.parseLong(stall.group(2));
        long scanned = Long.parseLong(stall.group(3));
        long total = Long.parseLong(stall.group(4));
        Matcher summary = r.err().stream()
                .map(SUMMARY::matcher)
                .filter(Matcher::find)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in:\n" + r.errText()));
        long selected = Long.parseLong(summary.group(2));
        // no send ever reaches the broker: nothing is acknowledged, every dead letter handed over is unconfirmed
        assertThat(replayed).as(r.errText()).isZero();
        assertThat(Long.parseLong(summary.group(1))).isEqualTo(replayed);
        assertThat(replayed + notConfirmed).as(r.errText()).isEqualTo(selected);
        assertThat(Long.parseLong(summary.group(5))).isEqualTo(notConfirmed);
        assertThat(Long.parseLong(summary.group(4))).isEqualTo(scanned);
        assertThat(scanned).isBetween(0L, total);
        assertThat(r.err())
                .as("no Kafka client retry warnings on the terminal")
                .noneMatch(line -> line.contains("NetworkClient") || line.contains(" WARN "));
        return new Totals(selected, Long.parseLong(summary.group(3)), scanned, total, r.errText());
    }

    /** Runs the command in the background: a hang fails the test instead of blocking the build. */
    private static CliRun replay(Path config, String... options) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("replay-rejected", "--config", config.toString(), "--timeout", "3"));
        args.addAll(List.of(options));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<CliRun> run = executor.submit(() -> CliRun.run("", args.toArray(String[]::new)));
            try {
                // generous: the point is that it ends at all
                return run.get(3, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                run.cancel(true);
                return fail("replay-rejected still waiting 3 minutes after its sends stopped being acknowledged");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Puts every record on the partition after the topic's last one, which the producer finds no leader for: it keeps
     * the records (and their buffer memory) and never sends them.
     */
    public static final class PastTheLastPartition implements Partitioner {
        @Override
        public int partition(
                String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            return cluster.partitionCountForTopic(topic);
        }

        @Override
        public void configure(Map<String, ?> configs) {}

        @Override
        public void close() {}
    }

    /** Dead letters {@code dl-1} ... {@code dl-COUNT} with bodies of {@code bytes} bytes, all on partition 0. */
    private static void produceDeadLetters(TestTopics topics, int count, int bytes) {
        DeadLetters deadLetters = new DeadLetters(topics.rejected(), 1_000_000);
        RecordHeaders original = new RecordHeaders();
        original.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
        original.add("feed", "antara-id".getBytes(StandardCharsets.UTF_8));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = "dl-" + i;
            byte[] body = "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
            records.add(deadLetters.deadLetter(
                    ConsumedRecords.record("wire.raw", 0, i, 0L, id, body, original),
                    "parse",
                    "empty",
                    null,
                    "no story",
                    "antara-id",
                    id));
        }
        TestTopics.produce(records);
    }

    private Path configFile(TestTopics topics, String extra) throws Exception {
        Path file = TestTopics.writeConfigFile(
                temp.resolve("worker.properties"), topics.raw(), topics.articles(), topics.rejected());
        // kafka.* keys go to every client; only the producer reads partitioner.class
        return Files.writeString(
                file,
                Files.readString(file) + "kafka.partitioner.class=" + PastTheLastPartition.class.getName() + "\n"
                        + extra);
    }
}
