package io.wireingest.worker.cli;

import io.wireingest.worker.Main;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.kafka.KafkaClients;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay-rejected}: after a fix, sends selected dead letters back to the raw topic with their original key,
 * bytes and headers (the {@code ingest.*} headers the worker added are removed). Reads the dead-letter topic from
 * the beginning up to its end at start (committed records only); filters combine with AND.
 */
@Command(
        name = "replay-rejected",
        mixinStandardHelpOptions = true,
        description = {
            "Send dead letters from the rejected topic back to the raw topic after a fix.",
            "Selects by --stage, --reason, --feed, --item-id, --since/--until (all given filters must match).",
            "Exit codes: 0 done, 1 some record could not be sent, 2 usage error."
        })
public final class ReplayRejectedCommand implements Callable<Integer> {
    @Mixin
    ConfigOption configOption;

    @Option(names = "--stage", paramLabel = "STAGE", description = "Only dead letters refused at this stage.")
    List<String> stages = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "REASON", description = "Only dead letters with this reason.")
    List<String> reasons = new ArrayList<>();

    @Option(names = "--feed", paramLabel = "FEED", description = "Only items of this feed.")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--item-id", paramLabel = "ID", description = "Only these item ids.")
    List<String> itemIds = new ArrayList<>();

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only dead letters written at or after TIME (RFC 3339).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only dead letters written before TIME (RFC 3339).")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "Replay at most N records.")
    long limit = Long.MAX_VALUE;

    @Option(names = "--to-topic", paramLabel = "TOPIC", description = "Target topic (default: INGEST_RAW_TOPIC).")
    String toTopic;

    @Option(names = "--dry-run", description = "List what would be replayed; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        Optional<WorkerConfig> loaded = configOption.load("replay-rejected", err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        WorkerConfig config = loaded.get();
        Optional<String> bootstrap = ConfigOption.bootstrap(config);
        if (bootstrap.isEmpty()) {
            err.println("replay-rejected: no broker: set KAFKA_BOOTSTRAP_SERVERS, or start `run` first");
            return Main.EXIT_USAGE;
        }
        Instant from;
        Instant to;
        try {
            from = since == null ? Instant.MIN : OffsetDateTime.parse(since).toInstant();
            to = until == null ? Instant.MAX : OffsetDateTime.parse(until).toInstant();
        } catch (DateTimeParseException e) {
            err.println("replay-rejected: --since/--until must be RFC 3339 date-times: " + e.getParsedString());
            return Main.EXIT_USAGE;
        }
        String target = toTopic == null ? config.rawTopic() : toTopic;
        KafkaClients clients = new KafkaClients(config, bootstrap.get());
        long scanned = 0;
        long selected = 0;
        long noBody = 0;
        AtomicLong failed = new AtomicLong();
        Map<String, Long> byReason = new HashMap<>();
        Duration timeout = Duration.ofSeconds(30);
        Progress progress;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.reader("wire-ingest-replay"));
                KafkaProducer<byte[], byte[]> producer =
                        dryRun ? null : new KafkaProducer<>(clients.producer("wire-ingest-replay"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(config.rejectedTopic(), timeout)) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long total = 0;
            for (TopicPartition tp : partitions) {
                total += ends.get(tp) - consumer.position(tp, timeout);
            }
            progress = new Progress(err, "replay-rejected", total);
            List<TopicPartition> pending = new ArrayList<>(partitions);
            pending.removeIf(tp -> consumer.position(tp, timeout) >= ends.get(tp));
            while (!pending.isEmpty() && selected < limit) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp)) {
                        continue;
                    }
                    scanned++;
                    if (!matches(r, from, to) || selected >= limit) {
                        continue;
                    }
                    if (r.value() == null) {
                        noBody++;
                        continue;
                    }
                    selected++;
                    String reason = IngestHeaders.text(r.headers(), IngestHeaders.ERROR_STAGE) + "/"
                            + IngestHeaders.text(r.headers(), IngestHeaders.ERROR_REASON);
                    byReason.merge(reason, 1L, Long::sum);
                    if (dryRun) {
                        out.printf(
                                "%s-%d@%d item %s feed %s: %s%n",
                                r.topic(),
                                r.partition(),
                                r.offset(),
                                IngestHeaders.text(r.headers(), IngestHeaders.INGEST_ITEM_ID),
                                IngestHeaders.text(r.headers(), IngestHeaders.INGEST_FEED),
                                reason);
                    } else {
                        RecordHeaders headers = new RecordHeaders();
                        for (Header h : r.headers()) {
                            if (!h.key().startsWith(IngestHeaders.INGEST_PREFIX)) {
                                headers.add(h);
                            }
                        }
                        producer.send(new ProducerRecord<>(target, null, r.key(), r.value(), headers), (m, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
                    }
                    progress.update(scanned, 0);
                }
                pending.removeIf(tp -> consumer.position(tp, timeout) >= ends.get(tp));
            }
            if (producer != null) {
                producer.flush();
            }
        }
        progress.finish(scanned, 0);
        err.printf(
                Locale.ROOT,
                "%s %d of %d dead letters from %s to %s; %d failed, %d skipped (body dropped)%n",
                dryRun ? "would replay" : "replayed",
                selected - failed.get(),
                scanned,
                config.rejectedTopic(),
                target,
                failed.get(),
                noBody);
        byReason.forEach((k, v) -> err.println("  " + k + ": " + v));
        return failed.get() == 0 ? 0 : 1;
    }

    private boolean matches(ConsumerRecord<byte[], byte[]> r, Instant from, Instant to) {
        Instant at = Instant.ofEpochMilli(r.timestamp());
        return (at.equals(from) || at.isAfter(from))
                && at.isBefore(to)
                && anyOf(stages, IngestHeaders.text(r.headers(), IngestHeaders.ERROR_STAGE))
                && anyOf(reasons, IngestHeaders.text(r.headers(), IngestHeaders.ERROR_REASON))
                && anyOf(feeds, IngestHeaders.text(r.headers(), IngestHeaders.INGEST_FEED))
                && anyOf(itemIds, IngestHeaders.text(r.headers(), IngestHeaders.INGEST_ITEM_ID));
    }

    private static boolean anyOf(List<String> wanted, String value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }
}
