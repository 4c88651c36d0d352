package io.wireingest.worker.cli;

import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.Main;
import io.wireingest.worker.WorkerService;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.DeadLetters;
import io.wireingest.worker.kafka.EmbeddedBroker;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.kafka.KafkaClients;
import io.wireingest.worker.kafka.NormalizeRecord;
import io.wireingest.worker.kafka.PassThrough;
import io.wireingest.worker.kafka.RecordTransform;
import io.wireingest.worker.kafka.Topics;
import io.wireingest.worker.kafka.Worker;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: loads N raw items into a fresh topic, then measures in one run (a) a pass-through worker (the same
 * transactional consume → produce loop with the identity transform) and (b) the real pipeline, and prints the ratio.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the worker: pass-through loop vs. the real pipeline, on the same items, in one run.",
            "Broker: KAFKA_BOOTSTRAP_SERVERS, else a temporary embedded broker (deleted afterwards); waits up to"
                    + " INGEST_BROKER_WAIT_MS (30 s) for it to answer, as run does.",
            "Last line: pipeline/passthrough throughput ratio: R (pipeline X items/s, passthrough Y items/s, "
                    + "N items, avg Z KiB)",
            "Just before the ratio line(s), `bench: WARNING: not at steady state (...)` when the warm-up stopped at"
                    + " its --warm-up-seconds limit with the JIT compiler still busy 10%% or more of its last round,"
                    + " or a measured round had the compiler busy more than 25%%; the exit code stays 0.",
            "Exit codes: 0 measured (also after such a WARNING), 1 the run failed (broker, worker), 2 usage error"
                    + " (bad option, invalid configuration)."
        })
public final class BenchCommand implements Callable<Integer> {
    private static final int WARM_UP_PASS = 1000;

    /** The warm-up's goal: a round with the JIT compiler busy less than this share of a core. */
    static final double SETTLED_SHARE = 0.10;

    /**
     * Above this share of a core the JIT compiler is still compiling much of the measured code in a measured round
     * (rounds after a settled warm-up measured 11–23% on 2 cores); such a round gets the steady-state warning.
     */
    static final double BUSY_ROUND_SHARE = 0.25;

    /** Largest {@code --min-kb} / {@code --max-kb}: 1 GiB, the largest item the worker can accept at all. */
    static final int MAX_KB = (int) (WorkerConfig.MAX_ITEM_LIMIT / 1024);

    @Mixin
    ConfigOption configOption;

    @Option(
            names = "--items",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Items (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "Take items from this folder (HTML and text files, also gzipped: .html.gz) instead of"
                    + " generating them; cycled.")
    Path input;

    @Option(
            names = "--min-kb",
            defaultValue = "2",
            description = "Smallest generated item, KiB (default: ${DEFAULT-VALUE}).")
    int minKb;

    @Option(
            names = "--max-kb",
            defaultValue = "60",
            description = "Largest generated item, KiB (default: ${DEFAULT-VALUE}).")
    int maxKb;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: INGEST_THREADS).")
    Integer threads;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of the bench topics (default: INGEST_PARTITIONS).")
    Integer partitions;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            defaultValue = "3",
            description = "Measured rounds after the warm-up; each runs both phases over the same items in new consumer"
                    + " groups, and the ratio line sums them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--warm-up-seconds",
            paramLabel = "S",
            defaultValue = "240",
            description =
                    "Longest warm-up: the pipeline alone until the JIT compiler settles, then whole rounds through"
                            + " Kafka until the compiler is busy less than 10%% of a round; 0 skips it and measures a cold JVM"
                            + " (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(
            names = "--parse-floor",
            description = "Also measure, in each round, a third phase that only decodes each item and parses the HTML"
                    + " ones with jsoup, then commits the offsets without publishing anything. Its ratio to the"
                    + " pass-through (printed before the last line) is the most a pipeline that parses pages with"
                    + " jsoup could reach here.")
    boolean parseFloor;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        // Every problem at once: the options' (each naming its option), then the configuration's.
        List<String> problems = optionProblems();
        problems.forEach(p -> err.println("bench: " + p));
        Optional<WorkerConfig> loaded = configOption.load("bench", err);
        if (loaded.isEmpty() || !problems.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        WorkerConfig base = loaded.get();
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> overrides = new HashMap<>();
        overrides.put(WorkerConfig.RAW_TOPIC.env(), run + ".raw");
        overrides.put(WorkerConfig.ARTICLES_TOPIC.env(), run + ".articles");
        overrides.put(WorkerConfig.REJECTED_TOPIC.env(), run + ".rejected");
        overrides.put(WorkerConfig.INSTANCE_ID.env(), run);
        if (threads != null) {
            overrides.put(WorkerConfig.THREADS.env(), threads.toString());
        }
        if (partitions != null) {
            overrides.put(WorkerConfig.PARTITIONS.env(), partitions.toString());
        }
        WorkerConfig config;
        try {
            config = base.with(overrides);
        } catch (WorkerConfig.InvalidConfigException e) {
            err.println("bench: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        List<BenchItems.Item> generated;
        try {
            generated = input == null ? generate() : fromFolder(input, config.maxRecordBytes());
        } catch (IOException | UncheckedIOException e) {
            err.println("bench: --input: cannot read " + input + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        int tooLarge = 0;
        for (var it = generated.iterator(); it.hasNext(); ) {
            // the headers and the key need a little room next to the body
            if (it.next().body().length + 1024 > config.maxRecordBytes()) {
                it.remove();
                tooLarge++;
            }
        }
        if (tooLarge > 0) {
            err.printf(
                    Locale.ROOT,
                    "bench: skipped %d items larger than the record limit (%s = %d bytes)%n",
                    tooLarge,
                    WorkerConfig.MAX_RECORD_BYTES.env(),
                    config.maxRecordBytes());
        }
        if (generated.isEmpty()) {
            err.println("bench: no items in " + input);
            return Main.EXIT_USAGE;
        }
        Path tempDir = null;
        EmbeddedBroker broker = null;
        try {
            String bootstrap;
            if (config.bootstrapServers().isPresent()) {
                bootstrap = config.bootstrapServers().get();
            } else {
                tempDir = Files.createTempDirectory("wire-ingest-bench");
                err.println("bench: starting a temporary embedded broker in " + tempDir);
                broker = EmbeddedBroker.start(tempDir, 0, config.kafkaMessageBytes());
                bootstrap = broker.bootstrapServers();
            }
            KafkaClients clients = new KafkaClients(config, bootstrap);
            try {
                // As run does: a prompt, clear failure for brokers that do not answer, not a minute's timeout.
                WorkerService.awaitBrokers(config, clients, broker != null, WorkerService.StopCheck.NEVER);
            } catch (WorkerService.BrokersUnreachableException e) {
                err.println("bench: failed: " + e.getMessage());
                return Main.EXIT_FAILURE;
            }
            String passTopic = run + ".passthrough";
            try (Admin admin = Admin.create(clients.admin("bench-admin"))) {
                Topics.ensure(
                        admin,
                        config.rawTopic(),
                        config.articlesTopic(),
                        config.rejectedTopic(),
                        config.partitions(),
                        config.replicationFactor(),
                        config.kafkaMessageBytes());
                Topics.ensure(
                        admin,
                        passTopic,
                        run + ".unused1",
                        run + ".unused2",
                        config.partitions(),
                        config.replicationFactor(),
                        config.kafkaMessageBytes());
            }
            long totalBytes = load(clients, config.rawTopic(), generated);
            double avgKib = totalBytes / 1024.0 / items;
            err.printf(
                    Locale.ROOT,
                    "bench: loaded %d items (%s, avg %.1f KiB) into %s: %d partitions, %d threads, broker %s%n",
                    items,
                    input == null ? "generated HTML and text, " + minKb + "-" + maxKb + " KiB" : "from " + input,
                    avgKib,
                    config.rawTopic(),
                    config.partitions(),
                    config.threads(),
                    broker != null ? "embedded (same JVM)" : bootstrap);
            IngestPipeline pipeline = IngestPipeline.create(config.limits());
            long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
            if (warmUpSeconds > 0) {
                warmUp(pipeline, generated, warmUpEnd);
            }
            DeadLetters deadLetters = new DeadLetters(config.rejectedTopic(), config.maxRecordBytes());
            int[] groups = {0};
            Supplier<Round> round = () -> {
                groups[0]++;
                try {
                    Phase pass = measure(
                            "passthrough",
                            config,
                            clients,
                            run + ".g-pass-" + groups[0],
                            metrics -> () -> new PassThrough(passTopic),
                            totalBytes);
                    Phase pipe = measure(
                            "pipeline",
                            config,
                            clients,
                            run + ".g-pipe-" + groups[0],
                            metrics -> () -> new NormalizeRecord(
                                    pipeline, config.articlesTopic(), deadLetters, config.maxRecordBytes(), metrics),
                            totalBytes);
                    Phase floor = null;
                    if (parseFloor) {
                        floor = measure(
                                "parse-floor",
                                config,
                                clients,
                                run + ".g-floor-" + groups[0],
                                metrics -> () -> new ParseFloor(config.limits().maxDepth()),
                                totalBytes);
                    }
                    return new Round(pass, pipe, floor);
                } catch (Exception e) {
                    throw new BenchFailure(e);
                }
            };
            OptionalDouble lastWarmUpShare = OptionalDouble.empty();
            if (warmUpSeconds > 0) {
                // Through Kafka the JIT compiler has the client (and, embedded, the broker) code to compile too; on
                // two cores that takes a minute or more, and it would be counted against whichever phase it hits.
                for (int k = 1; ; k++) {
                    Round r = round.get();
                    lastWarmUpShare = OptionalDouble.of(r.compilerShare());
                    out.printf(
                            Locale.ROOT,
                            "warm-up round %d: JIT compiler busy %.0f%% of the round%n",
                            k,
                            r.compilerShare() * 100);
                    print(out, r, totalBytes);
                    if (r.compilerShare() < SETTLED_SHARE || System.nanoTime() > warmUpEnd) {
                        break;
                    }
                }
            }
            List<Round> measured = new ArrayList<>();
            for (int k = 1; k <= rounds; k++) {
                Round r = round.get();
                measured.add(r);
                out.printf(
                        Locale.ROOT,
                        "round %d of %d: JIT compiler busy %.0f%% of the round%n",
                        k,
                        rounds,
                        r.compilerShare() * 100);
                print(out, r, totalBytes);
            }
            double passSeconds =
                    measured.stream().mapToDouble(r -> r.pass().seconds()).sum();
            double pipeSeconds =
                    measured.stream().mapToDouble(r -> r.pipe().seconds()).sum();
            double passRate = (double) items * rounds / passSeconds;
            double pipeRate = (double) items * rounds / pipeSeconds;
            double ratio = pipeRate / passRate;
            Optional<String> warning = steadyStateWarning(
                    warmUpSeconds,
                    lastWarmUpShare,
                    measured.stream().mapToDouble(Round::compilerShare).toArray());
            warning.ifPresent(out::println);
            if (parseFloor) {
                double floorRate = (double) items
                        * rounds
                        / measured.stream()
                                .mapToDouble(r -> r.floor().seconds())
                                .sum();
                out.printf(
                        Locale.ROOT,
                        "parse-floor/passthrough throughput ratio: %.2f (parse floor %.0f items/s, passthrough %.0f"
                                + " items/s)%n",
                        floorRate / passRate,
                        floorRate,
                        passRate);
            }
            out.printf(
                    Locale.ROOT,
                    "pipeline/passthrough throughput ratio: %.2f (pipeline %.0f items/s, passthrough %.0f items/s, "
                            + "%d items, avg %.1f KiB)%n",
                    ratio,
                    pipeRate,
                    passRate,
                    items,
                    avgKib);
            out.flush();
            return 0;
        } catch (BenchFailure e) {
            throw (Exception) e.getCause();
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    /**
     * The problems with the options, each naming its option and value (empty when all are fine); checked before the
     * options become configuration keys, so that {@code --threads 0} is reported as {@code --threads}.
     */
    List<String> optionProblems() {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "--items", items, 1, "");
        atLeast(problems, "--rounds", rounds, 1, "");
        atLeast(problems, "--warm-up-seconds", warmUpSeconds, 0, " (0 skips the warm-up)");
        atLeast(problems, "--min-kb", minKb, 1, "");
        atMost(problems, "--min-kb", minKb, MAX_KB);
        atMost(problems, "--max-kb", maxKb, MAX_KB);
        if (minKb >= 1 && minKb <= MAX_KB && maxKb <= MAX_KB && maxKb < minKb) {
            problems.add("--max-kb (" + maxKb + ") must be at least --min-kb (" + minKb + ")");
        }
        if (threads != null) {
            atLeast(problems, "--threads", threads, 1, "");
        }
        if (partitions != null) {
            atLeast(problems, "--partitions", partitions, 1, "");
        }
        if (input != null) {
            if (Files.isRegularFile(input)) {
                problems.add("--input: " + input + " is a file, not a folder (give the folder that holds the files)");
            } else if (Files.exists(input) && !Files.isDirectory(input)) {
                problems.add("--input: " + input + " is not a folder");
            } else if (!Files.exists(input)) {
                problems.add("--input: no such folder: " + input);
            }
        }
        return problems;
    }

    private static void atLeast(List<String> problems, String option, long value, long min, String note) {
        if (value < min) {
            problems.add(option + " must be at least " + min + note + ", not " + value);
        }
    }

    private static void atMost(List<String> problems, String option, long value, long max) {
        if (value > max) {
            problems.add(option + " must be at most " + max + " (1 GiB), not " + value);
        }
    }

    /**
     * The warning printed before the ratio line when the measurement was not at steady state, or empty: when the
     * warm-up ({@code warmUpSeconds} &gt; 0) ended at its time limit with its last round still having the JIT
     * compiler busy {@link #SETTLED_SHARE} or more, or when a measured round had it busy more than
     * {@link #BUSY_ROUND_SHARE} (shares of one core, 0..1 and above with several compiler threads).
     *
     * @param lastWarmUpShare the compiler's share in the last warm-up round; empty without a warm-up
     * @param measuredShares the compiler's share in each measured round, in order
     */
    static Optional<String> steadyStateWarning(
            int warmUpSeconds, OptionalDouble lastWarmUpShare, double[] measuredShares) {
        List<String> reasons = new ArrayList<>();
        if (warmUpSeconds > 0 && lastWarmUpShare.isPresent() && lastWarmUpShare.getAsDouble() >= SETTLED_SHARE) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "warm-up stopped at its %d s limit with the JIT compiler still busy %.0f%%",
                    warmUpSeconds,
                    lastWarmUpShare.getAsDouble() * 100));
        }
        List<String> busy = new ArrayList<>();
        for (int k = 0; k < measuredShares.length; k++) {
            if (measuredShares[k] > BUSY_ROUND_SHARE) {
                busy.add(String.format(Locale.ROOT, "%d (%.0f%%)", k + 1, measuredShares[k] * 100));
            }
        }
        if (!busy.isEmpty()) {
            reasons.add(String.format(
                    Locale.ROOT,
                    "the JIT compiler busy more than %.0f%% in measured round%s %s",
                    BUSY_ROUND_SHARE * 100,
                    busy.size() == 1 ? "" : "s",
                    String.join(", ", busy)));
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("bench: WARNING: not at steady state (" + String.join("; ", reasons) + "); the ratio"
                + " below compares code still being compiled. Use more --items or a longer --warm-up-seconds.");
    }

    private record Phase(
            String name,
            double seconds,
            double p50Ms,
            double p99Ms,
            long peakHeapBytes,
            double rejected,
            double cpuSeconds,
            double wallSeconds,
            long compileMillis) {
        double itemsPerSecond(int n) {
            return n / seconds;
        }
    }

    /**
     * One round: the phases (the parse floor only with {@code --parse-floor}, else null), and how busy the JIT
     * compiler was meanwhile (0..1 of one core).
     */
    private record Round(Phase pass, Phase pipe, Phase floor) {
        List<Phase> phases() {
            return floor == null ? List.of(pass, pipe) : List.of(pass, pipe, floor);
        }

        double compilerShare() {
            long millis = phases().stream().mapToLong(Phase::compileMillis).sum();
            double seconds = phases().stream().mapToDouble(Phase::wallSeconds).sum();
            return millis / 1000.0 / seconds;
        }
    }

    /** A checked failure inside a round, carried out of the supplier. */
    private static final class BenchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchFailure(Exception cause) {
            super(cause);
        }
    }

    private void print(PrintStream out, Round round, long totalBytes) {
        for (Phase p : round.phases()) {
            print(out, p, totalBytes);
        }
    }

    private void print(PrintStream out, Phase p, long totalBytes) {
        out.printf(
                Locale.ROOT,
                "%-11s %d items in %.2f s: %.0f items/s, %.1f MB/s; transaction (poll→commit) p50 %.0f ms, "
                        + "p99 %.0f ms; peak heap %.0f MiB; process CPU %.2f ms per item (%.1f cores busy)%s%n",
                p.name + ":",
                items,
                p.seconds,
                p.itemsPerSecond(items),
                totalBytes / 1e6 / p.seconds,
                p.p50Ms,
                p.p99Ms,
                p.peakHeapBytes / 1048576.0,
                p.cpuSeconds * 1000 / items,
                p.cpuSeconds / p.seconds,
                p.rejected > 0 ? "; " + (long) p.rejected + " rejected" : "");
    }

    private interface TransformFactory {
        Supplier<RecordTransform> create(WorkerMetrics metrics);
    }

    private Phase measure(
            String name,
            WorkerConfig config,
            KafkaClients clients,
            String group,
            TransformFactory factory,
            long totalBytes)
            throws Exception {
        WorkerConfig phaseConfig = config.with(Map.of(WorkerConfig.GROUP_ID.env(), group));
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        Supplier<RecordTransform> transforms = factory.create(metrics);
        long[] firstApply = {Long.MAX_VALUE, 0}; // [0] nanoTime of the first apply, [1] process CPU at that moment
        Supplier<RecordTransform> timed = () -> {
            RecordTransform t = transforms.get();
            return record -> {
                long now = System.nanoTime();
                synchronized (firstApply) {
                    if (now < firstApply[0]) {
                        firstApply[0] = now;
                        firstApply[1] = processCpuNanos();
                    }
                }
                return t.apply(record);
            };
        };
        System.gc();
        resetPeaks();
        long wallStart = System.nanoTime();
        long compileStart = compileMillis();
        Worker worker = new Worker(phaseConfig, clients, config.rawTopic(), timed, metrics);
        worker.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        long peak = 0;
        while (metrics.consumedCount() < items) {
            if (worker.awaitTermination(Duration.ofMillis(10))) {
                throw new IllegalStateException(name + ": the worker stopped early"
                        + worker.fatal().map(e -> ": " + e).orElse(""));
            }
            peak = Math.max(peak, heapUsed());
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": not done after 30 minutes");
            }
        }
        long end = System.nanoTime();
        long cpuEnd = processCpuNanos();
        peak = Math.max(peak, peakHeap());
        worker.stopAndWait(Duration.ofSeconds(30));
        double seconds;
        long cpuStart;
        synchronized (firstApply) {
            seconds = (end - firstApply[0]) / 1e9;
            cpuStart = firstApply[1];
        }
        HistogramSnapshot snapshot = metrics.transactionTimer().takeSnapshot();
        double p50 = 0;
        double p99 = 0;
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            if (v.percentile() == 0.5) {
                p50 = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.99) {
                p99 = v.value(TimeUnit.MILLISECONDS);
            }
        }
        double rejected = metrics.registry().find(WorkerMetrics.ITEMS_REJECTED).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
        StringBuilder stages = new StringBuilder();
        for (io.micrometer.core.instrument.Timer t :
                metrics.registry().find(WorkerMetrics.STAGE_DURATION).timers()) {
            if (stages.length() > 0) {
                stages.append(", ");
            }
            stages.append(t.getId().getTag("stage"))
                    .append(String.format(Locale.ROOT, " %.2f", t.mean(TimeUnit.MILLISECONDS)));
        }
        if (stages.length() > 0) {
            System.err.println("bench: " + name + " mean ms per item by stage: " + stages);
        }
        return new Phase(
                name,
                seconds,
                p50,
                p99,
                peak,
                rejected,
                (cpuEnd - cpuStart) / 1e9,
                (System.nanoTime() - wallStart) / 1e9,
                compileMillis() - compileStart);
    }

    /**
     * Warms the pipeline up without Kafka, so that the measured phase runs compiled code instead of paying for the
     * JIT compiler (seconds of CPU on this code, which would otherwise be counted against the pipeline): passes of
     * 1,000 items (cycled) until the compiler works less than 5% of a pass's time (at most until {@code giveUp}),
     * then a wait, up to 20 s, for its queue to drain. The Kafka path is warmed up afterwards by whole rounds.
     */
    private void warmUp(IngestPipeline pipeline, List<BenchItems.Item> generated, long giveUp)
            throws InterruptedException {
        boolean timed = compileTimed();
        long start = System.nanoTime();
        int processed = 0;
        do {
            long compiledBefore = compileMillis();
            long passStart = System.nanoTime();
            for (int i = 0; i < WARM_UP_PASS; i++, processed++) {
                BenchItems.Item item = generated.get(processed % generated.size());
                pipeline.process(item.raw(Instant.now()));
            }
            long passMs = (System.nanoTime() - passStart) / 1_000_000;
            if (!timed || (compileMillis() - compiledBefore) * 20 < passMs) {
                break; // compiling took less than 5% of the pass
            }
        } while (System.nanoTime() < giveUp);
        long deadline = Math.min(System.nanoTime() + TimeUnit.SECONDS.toNanos(20), giveUp);
        long compiled = compileMillis();
        while (timed && System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = compileMillis();
            if (now == compiled) {
                break;
            }
            compiled = now;
        }
        System.err.printf(
                Locale.ROOT,
                "bench: warmed up the pipeline on %d items in %.1f s (no Kafka)%n",
                processed,
                (System.nanoTime() - start) / 1e9);
    }

    private long load(KafkaClients clients, String topic, List<BenchItems.Item> source) throws Exception {
        long bytes = 0;
        String now = Instant.now().toString();
        Progress progress = new Progress(System.err, "bench: loading", items, Progress.Unit.ITEMS);
        List<Future<RecordMetadata>> sends = new ArrayList<>(items);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("bench-loader"))) {
            for (int i = 0; i < items; i++) {
                BenchItems.Item base = source.get(i % source.size());
                String id = base.id() + (i >= source.size() ? "-" + i : "");
                RecordHeaders headers = new RecordHeaders();
                headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(base.contentType()));
                headers.add(IngestHeaders.FEED, IngestHeaders.bytes(base.feed()));
                headers.add(IngestHeaders.ITEM_ID, IngestHeaders.bytes(id));
                headers.add(IngestHeaders.RECEIVED_AT, IngestHeaders.bytes(now));
                sends.add(producer.send(
                        new ProducerRecord<>(topic, null, id.getBytes(StandardCharsets.UTF_8), base.body(), headers)));
                bytes += base.body().length;
                progress.update(i + 1, Progress.mib(bytes) + " MiB");
            }
            producer.flush();
            for (Future<RecordMetadata> sent : sends) {
                try {
                    sent.get();
                } catch (ExecutionException e) {
                    // Without every item on the topic the phases would wait for records that never come.
                    throw new IllegalStateException(
                            "could not load the items: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        progress.finish(items, Progress.mib(bytes) + " MiB");
        return bytes;
    }

    private List<BenchItems.Item> generate() {
        BenchItems generator = new BenchItems(seed, minKb * 1024, maxKb * 1024);
        List<BenchItems.Item> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            list.add(generator.next(i));
        }
        return list;
    }

    /**
     * The HTML and text files under {@code dir}, gzipped ones ({@code .html.gz}) unpacked; a file is read up to one
     * byte past {@code limit}, so that an oversized one (or a gzip bomb) is skipped as too large without filling the
     * heap.
     */
    static List<BenchItems.Item> fromFolder(Path dir, int limit) throws IOException {
        List<BenchItems.Item> list = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = PublishCommand.unpackedName(f);
                String type = PublishCommand.typeOf(name.toLowerCase(Locale.ROOT));
                if (type.equals("application/octet-stream") || type.equals("application/json")) {
                    continue;
                }
                byte[] body;
                try (InputStream in = PublishCommand.open(f)) {
                    body = in.readNBytes(limit + 1);
                } catch (IOException e) {
                    System.err.println("bench: skipped " + f + ": cannot read: " + PublishCommand.describe(e));
                    continue;
                }
                list.add(new BenchItems.Item(name, "bench", type, body));
            }
        }
        return list;
    }

    /** Whether this JVM reports the JIT compiler's time. */
    private static boolean compileTimed() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported();
    }

    /** Milliseconds the JIT compiler has worked since the JVM started, or 0 where not available. */
    private static long compileMillis() {
        return compileTimed() ? ManagementFactory.getCompilationMXBean().getTotalCompilationTime() : 0;
    }

    /** CPU time of the whole process (worker, clients and, when embedded, the broker), or 0 where not available. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
