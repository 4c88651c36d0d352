package io.wireingest.worker.cli;

import io.wireingest.worker.Main;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.kafka.KafkaClients;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
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
            "Both topics must exist (checked first). Progress: offsets scanned, dead letters read and matched.",
            "Brokers that acknowledge no send, or give nothing to read, for --timeout seconds (gone, unreachable, or",
            "refusing every write with an error the producer retries, e.g. NOT_ENOUGH_REPLICAS) end the run at once",
            "with one line `replay-rejected: failed: the Kafka brokers at ... stopped acknowledging ...`",
            "(`... stopped answering ...` when nothing could be read).",
            "Exit codes: 0 done, 1 some record could not be sent or the brokers stalled, 2 usage error",
            "(bad option, topic does not exist)."
        })
public final class ReplayRejectedCommand implements Callable<Integer> {
    @Mixin
    ConfigOption configOption;

    @Mixin
    BrokerTimeoutOption timeoutOption;

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
            description = "Only dead letters written at or after TIME (RFC 3339, e.g. 2024-05-01T08:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only dead letters written before TIME (RFC 3339).")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "Replay at most N records (N >= 1).")
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
        Instant from;
        Instant to;
        Duration stallTimeout;
        try {
            stallTimeout = timeoutOption.timeout();
            from = since == null ? Instant.MIN : CliArgs.instant("--since", since);
            to = until == null ? Instant.MAX : CliArgs.instant("--until", until);
            if (!from.isBefore(to)) {
                throw new CliArgs.UsageException("--since (" + since + ") must be before --until (" + until + ")");
            }
            if (limit < 1) {
                throw new CliArgs.UsageException("--limit: expected a positive number of records, got " + limit);
            }
            CliArgs.topic("--to-topic", toTopic);
        } catch (CliArgs.UsageException e) {
            err.println("replay-rejected: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        String target = toTopic == null ? config.rawTopic() : toTopic;
        if (target.equals(config.rejectedTopic())) {
            err.println("replay-rejected: --to-topic: '" + target + "' is the dead-letter topic the records are read"
                    + " from; replay them to the raw topic");
            return Main.EXIT_USAGE;
        }
        Optional<String> bootstrap = ConfigOption.bootstrap(config);
        if (bootstrap.isEmpty()) {
            err.println("replay-rejected: no broker: set KAFKA_BOOTSTRAP_SERVERS, or start `run` first");
            return Main.EXIT_USAGE;
        }
        Optional<java.nio.file.Path> embeddedFile = ConfigOption.embeddedFile(config);
        if (embeddedFile.isPresent() && !ConfigOption.listening(bootstrap.get())) {
            err.println("replay-rejected: " + ConfigOption.staleEmbedded(bootstrap.get(), embeddedFile.get()));
            return 1;
        }
        KafkaClients clients = new KafkaClients(config, bootstrap.get());
        try {
            List<String> missing = TopicCheck.missing(
                    config, clients, "wire-ingest-replay-check", List.of(config.rejectedTopic(), target));
            if (!missing.isEmpty()) {
                for (String t : missing) {
                    String role = t.equals(config.rejectedTopic())
                            ? "dead-letter topic (" + WorkerConfig.REJECTED_TOPIC.env() + ")"
                            : toTopic == null ? "target topic (" + WorkerConfig.RAW_TOPIC.env() + ")" : "--to-topic";
                    err.println("replay-rejected: " + role + " '" + t + "' does not exist at " + bootstrap.get());
                }
                err.println("replay-rejected: nothing replayed; create the topic first or name an existing one");
                return Main.EXIT_USAGE;
            }
        } catch (TopicCheck.BrokerException e) {
            err.println("replay-rejected: " + e.getMessage());
            embeddedFile.ifPresent(
                    f -> err.println("replay-rejected: " + ConfigOption.staleEmbedded(bootstrap.get(), f)));
            return 1;
        }
        long read = 0;
        long selected = 0;
        long noBody = 0;
        long scannedOffsets = 0;
        long total = 0;
        boolean stoppedAtLimit = false;
        AtomicLong failed = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AckWatchdog watchdog = new AckWatchdog(stallTimeout);
        // what the brokers stopped doing, when they did (null: they answered throughout)
        BrokerTimeoutOption.Stall stalled = null;
        // failures arrive on the producer's thread; reported after the flush, in offset order per partition
        java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean tooLarge = new java.util.concurrent.atomic.AtomicBoolean();
        Map<String, Long> byReason = new TreeMap<>();
        Duration timeout = Duration.ofSeconds(30);
        Progress progress;
        KafkaProducer<byte[], byte[]> producer = dryRun
                ? null
                : new KafkaProducer<>(
                        KafkaClients.maxBlockAtMost(clients.producer("wire-ingest-replay"), stallTimeout));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.reader("wire-ingest-replay"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(config.rejectedTopic(), timeout)) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> starts = new HashMap<>();
            Map<TopicPartition, Long> reached = new HashMap<>();
            for (TopicPartition tp : partitions) {
                starts.put(tp, consumer.position(tp, timeout));
                reached.put(tp, starts.get(tp));
                total += ends.get(tp) - starts.get(tp);
            }
            // the bar counts offsets (transaction markers take offsets too), the detail counts records
            progress = new Progress(err, "replay-rejected", total, Progress.Unit.OFFSETS);
            List<TopicPartition> pending = new ArrayList<>(partitions);
            pending.removeIf(tp -> consumer.position(tp, timeout) >= ends.get(tp));
            long lastRead = System.nanoTime();
            long scannedBefore = 0;
            scan:
            while (!pending.isEmpty() && !stoppedAtLimit) {
                if (watchdog.stalled(System.nanoTime())) {
                    stalled = BrokerTimeoutOption.Stall.NO_ACKNOWLEDGEMENT;
                    break;
                }
                if (System.nanoTime() - lastRead >= stallTimeout.toNanos()) {
                    stalled = BrokerTimeoutOption.Stall.NOTHING_READ;
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp)) {
                        continue;
                    }
                    read++;
                    reached.put(tp, r.offset() + 1);
                    if (!matches(r, from, to)) {
                        continue;
                    }
                    if (selected >= limit) {
                        stoppedAtLimit = true;
                        reached.put(tp, r.offset());
                        break;
                    }
                    if (r.value() == null) {
                        noBody++;
                        continue;
                    }
                    // Checked before every send, not only per poll: with the brokers gone each send() may block
                    // up to max.block.ms, and one poll returns hundreds of records.
                    if (!dryRun && watchdog.stalled(System.nanoTime())) {
                        stalled = BrokerTimeoutOption.Stall.NO_ACKNOWLEDGEMENT;
                        reached.put(tp, r.offset());
                        break scan;
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
                        String where = r.topic() + "-" + r.partition() + "@" + r.offset() + " item "
                                + IngestHeaders.text(r.headers(), IngestHeaders.INGEST_ITEM_ID);
                        watchdog.sending(System.nanoTime());
                        producer.send(new ProducerRecord<>(target, null, r.key(), r.value(), headers), (m, e) -> {
                            if (e == null) {
                                acknowledged.incrementAndGet();
                            }
                            // those failed by the close after a stall are counted by the stall message
                            if (watchdog.completed(System.nanoTime(), e)) {
                                failures.add(failure(where, e));
                                if (e instanceof RecordTooLargeException) {
                                    tooLarge.set(true);
                                }
                            }
                        });
                    }
                }
                if (!stoppedAtLimit) {
                    // positions also move past transaction markers, which are never returned as records
                    for (TopicPartition tp : partitions) {
                        reached.put(tp, Math.min(consumer.position(tp, timeout), ends.get(tp)));
                    }
                }
                scannedOffsets = scanned(partitions, starts, reached);
                if (scannedOffsets != scannedBefore) {
                    lastRead = System.nanoTime();
                    scannedBefore = scannedOffsets;
                }
                progress.update(scannedOffsets, detail(read, selected));
                pending.removeIf(tp -> consumer.position(tp, timeout) >= ends.get(tp));
            }
            // a stall found before a send leaves the loop in mid-poll, before the count above is updated
            scannedOffsets = stoppedAtLimit || stalled != null ? scanned(partitions, starts, reached) : total;
            // bounded, unlike flush(): the producer sends on its own after linger.ms
            if (producer != null && stalled == null && !watchdog.awaitCompletion(System::nanoTime)) {
                stalled = BrokerTimeoutOption.Stall.NO_ACKNOWLEDGEMENT;
            }
        } finally {
            if (producer != null) {
                // after a stall nothing more will be answered: fail what is left now, not after close()'s wait
                if (stalled != null) {
                    watchdog.abandon();
                }
                producer.close(stalled != null ? Duration.ZERO : stallTimeout);
            }
        }
        if (producer != null) {
            // every dead letter handed to the producer and not acknowledged failed (also those a stall left)
            failed.set(selected - acknowledged.get());
        }
        progress.finish(scannedOffsets, detail(read, selected));
        failures.forEach(f -> err.println("replay-rejected: " + f));
        if (tooLarge.get()) {
            err.println("replay-rejected: hint: a record is larger than this command's producer allows; run it with"
                    + " the same " + WorkerConfig.MAX_ITEM_BYTES.env() + " / " + WorkerConfig.MAX_RECORD_BYTES.env()
                    + " as the worker that wrote the dead letters");
        }
        if (stoppedAtLimit) {
            err.println("replay-rejected: stopped at --limit " + limit + " (" + scannedOffsets + " of " + total
                    + " offsets scanned); later dead letters were not looked at");
        }
        err.printf(
                Locale.ROOT,
                "%s %d of %d matching dead letters (%d read, %d offsets scanned) from %s to %s; %d failed, %d"
                        + " skipped (body dropped)%n",
                dryRun ? "would replay" : "replayed",
                selected - failed.get(),
                selected + noBody,
                read,
                scannedOffsets,
                config.rejectedTopic(),
                target,
                failed.get(),
                noBody);
        byReason.forEach((k, v) -> err.println("  " + k + ": " + v));
        if (stalled != null) {
            err.println("replay-rejected: failed: "
                    + BrokerTimeoutOption.stalledMessage(bootstrap.get(), watchdog, stalled) + "; "
                    + (dryRun
                            ? ""
                            : acknowledged.get() + " replayed, " + (failed.get() - watchdog.refused())
                                    + " not confirmed; ")
                    + scannedOffsets + " of " + total + " offsets scanned");
            return Main.EXIT_FAILURE;
        }
        return failed.get() == 0 ? 0 : 1;
    }

    /** One failed send: where the dead letter is, which item, and the cause's class and message. */
    static String failure(String where, Exception e) {
        return where + ": not replayed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null
                        ? ""
                        : ": " + e.getMessage().lines().findFirst().orElse(""));
    }

    private static String detail(long read, long selected) {
        return read + " dead letters read, " + selected + " matched";
    }

    /** Offsets scanned so far over all partitions. */
    private static long scanned(
            List<TopicPartition> partitions, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> reached) {
        long scanned = 0;
        for (TopicPartition tp : partitions) {
            scanned += reached.get(tp) - starts.get(tp);
        }
        return scanned;
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
