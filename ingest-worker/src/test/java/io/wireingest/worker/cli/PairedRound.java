package io.wireingest.worker.cli;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.StageName;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: one round of {@link CorePipelineProfile}'s loop (the 400 {@code bench} items, seed 42, on one thread),
 * called by reflection from {@link PairedProfile}, which loads two builds of the project side by side, each with its
 * own copy of this class. A build from before this class existed runs this copy against its own classes, so it uses
 * only what older builds have ({@code BenchItems.next}, {@code RawItem.of}, {@code Outcome.stageNanos}), not newer
 * helpers, and repeats {@link CorePipelineProfile}'s item loop for that reason.
 */
public final class PairedRound {
    private static final int ITEMS = 400;
    private static List<RawItem> items;
    private static IngestPipeline pipeline;

    private PairedRound() {}

    /** Builds the items and the pipeline; call once before {@link #round()}. */
    public static void init() {
        BenchItems generator = new BenchItems(42, 2048, 60 * 1024);
        items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            BenchItems.Item item = generator.next(i);
            items.add(RawItem.of(item.id(), item.feed(), item.contentType(), Instant.now(), item.body()));
        }
        pipeline = IngestPipeline.create();
    }

    /** The items of a round. */
    public static int items() {
        return ITEMS;
    }

    /**
     * Runs the pipeline (and the article JSON) over every item once.
     *
     * @return the thread's CPU nanoseconds, then the wall nanoseconds in each stage in {@link StageName} order, then
     *     in the article JSON
     */
    public static long[] round() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] out = new long[StageName.values().length + 2];
        long start = threads.getCurrentThreadCpuTime();
        for (RawItem item : items) {
            Outcome outcome = pipeline.process(item);
            if (outcome instanceof Outcome.Normalized normalized) {
                long t = System.nanoTime();
                normalized.articles().forEach(article -> article.toJsonBytes());
                out[out.length - 1] += System.nanoTime() - t;
            }
            outcome.stageNanos().forEach((stage, nanos) -> out[1 + stage.ordinal()] += nanos);
        }
        out[0] = threads.getCurrentThreadCpuTime() - start;
        return out;
    }

    /** Names of {@link #round()}'s figures. */
    public static String[] names() {
        StageName[] stages = StageName.values();
        String[] names = new String[stages.length + 2];
        names[0] = "thread";
        for (int i = 0; i < stages.length; i++) {
            names[i + 1] = stages[i].id();
        }
        names[names.length - 1] = "toJson";
        return names;
    }
}
