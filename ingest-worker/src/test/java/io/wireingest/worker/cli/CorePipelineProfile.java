package io.wireingest.worker.cli;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.StageName;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a profiling driver for the core pipeline without Kafka (see docs/BENCHMARKS.md, "Core pipeline"). Runs
 * {@link IngestPipeline#process} over 400 {@code bench} items on one thread, ROUNDS times, and prints per round the
 * items/s by wall clock, by the thread's CPU time and by the process's CPU time, the thread's mean ms per HTML page and
 * per text item (pipeline and article JSON), and the mean ms per stage.
 *
 * <pre>
 * mvn -q -B -DskipTests package
 * java -cp ingest-worker/target/ingest-worker.jar:ingest-worker/target/test-classes \
 *     io.wireingest.worker.cli.CorePipelineProfile 28
 * </pre>
 */
public final class CorePipelineProfile {
    private CorePipelineProfile() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 28;
        BenchItems generator = new BenchItems(42, 2048, 60 * 1024);
        List<RawItem> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            BenchItems.Item item = generator.next(i);
            items.add(item.raw(Instant.now()));
        }
        IngestPipeline pipeline = IngestPipeline.create();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            Map<StageName, Long> total = new EnumMap<>(StageName.class);
            long wall = System.nanoTime();
            long process = processCpu();
            long thread = threads.getCurrentThreadCpuTime();
            long allocated = allocatedBytes();
            int rejected = 0;
            long pageNanos = 0;
            long textNanos = 0;
            int pages = 0;
            long jsonNanos = 0;
            long jsonBytes = 0;
            for (RawItem item : items) {
                long itemStart = threads.getCurrentThreadCpuTime();
                Outcome outcome = pipeline.process(item);
                if (outcome instanceof Outcome.Rejected) {
                    rejected++;
                } else {
                    long t = System.nanoTime();
                    for (var article : ((Outcome.Normalized) outcome).articles()) {
                        jsonBytes += article.toJsonBytes().length;
                    }
                    jsonNanos += System.nanoTime() - t;
                }
                outcome.stageNanos().forEach((stage, nanos) -> total.merge(stage, nanos, Long::sum));
                long itemNanos = threads.getCurrentThreadCpuTime() - itemStart;
                if (item.contentType().contains("html")) {
                    pageNanos += itemNanos;
                    pages++;
                } else {
                    textNanos += itemNanos;
                }
            }
            wall = System.nanoTime() - wall;
            process = processCpu() - process;
            thread = threads.getCurrentThreadCpuTime() - thread;
            allocated = allocatedBytes() - allocated;
            StringBuilder stages = new StringBuilder();
            stages.append(String.format("alloc=%.0fKiB ", allocated / 1024.0 / items.size()));
            stages.append(String.format(
                    "page=%.3f text=%.3f ", pageNanos / 1e6 / pages, textNanos / 1e6 / (items.size() - pages)));
            stages.append(String.format(
                    "toJson=%.3f (%.1f KiB) ", jsonNanos / 1e6 / items.size(), jsonBytes / 1024.0 / items.size()));
            total.forEach((stage, nanos) -> stages.append(stage.id())
                    .append('=')
                    .append(String.format("%.2f", nanos / 1e6 / items.size()))
                    .append(' '));
            System.out.printf(
                    "round %d: %.1f items/s wall, %.1f items/s thread-cpu, %.1f items/s process-cpu, rejected=%d | %s%n",
                    round,
                    items.size() / (wall / 1e9),
                    items.size() / (thread / 1e9),
                    items.size() / (process / 1e9),
                    rejected,
                    stages);
        }
    }

    /** Bytes this thread has allocated (HotSpot), or 0. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot) {
            return hotspot.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
