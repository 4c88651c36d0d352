package io.wireingest.core.pipeline;

import io.wireingest.core.model.RawItem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * What every stage may know about the item being processed: the raw item, the limits, and the time budget.
 *
 * <p>The budget ({@link Limits#maxTime()}) is the item's own processing time: an item is refused when both the wall
 * clock and the CPU time of the thread processing it have passed the budget since it started. The wall clock alone
 * would also count what is not the item's doing (a long collector pause, a stopped or starved process), and turn good
 * items into {@code timeout} rejections; the CPU clock is read only once the wall clock has passed the budget, so
 * the check stays as cheap as a {@code System.nanoTime()} call. Where the JVM cannot measure thread CPU time, the
 * wall clock alone decides. A context belongs to the thread that created it.
 */
public final class ItemContext {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final LongSupplier THREAD_CPU =
            THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
                    ? THREADS::getCurrentThreadCpuTime
                    : null;

    private final RawItem raw;
    private final Limits limits;
    private final LongSupplier wallClock;
    private final LongSupplier cpuClock;
    private final long deadlineNanos;
    private final long cpuStartNanos;
    private StageName stage = StageName.LIMITS;

    public ItemContext(RawItem raw, Limits limits) {
        this(raw, limits, System::nanoTime, THREAD_CPU);
    }

    /** With given clocks (tests); {@code cpuClock} null: the wall clock alone decides. */
    ItemContext(RawItem raw, Limits limits, LongSupplier wallClock, LongSupplier cpuClock) {
        this.raw = raw;
        this.limits = limits;
        this.wallClock = wallClock;
        this.cpuClock = cpuClock;
        this.deadlineNanos = wallClock.getAsLong() + limits.maxTime().toNanos();
        this.cpuStartNanos = cpuClock == null ? 0 : cpuClock.getAsLong();
    }

    public RawItem raw() {
        return raw;
    }

    public Limits limits() {
        return limits;
    }

    /** The stage now running (for rejections raised from shared helpers). */
    public StageName stage() {
        return stage;
    }

    void enter(StageName next) {
        this.stage = next;
    }

    /** The reference time for resolving dates when the story has no timestamp of its own. */
    public Instant receivedAt() {
        return raw.receivedAt();
    }

    /** Refuses the item when its time budget is spent. Call it inside loops over input-sized data. */
    public void checkTime() throws RejectedException {
        if (wallClock.getAsLong() - deadlineNanos > 0
                && (cpuClock == null
                        || cpuClock.getAsLong() - cpuStartNanos
                                > limits.maxTime().toNanos())) {
            throw new RejectedException(
                    stage,
                    "timeout",
                    "item took longer than the limit of " + limits.maxTime().toMillis() + " ms");
        }
    }
}
