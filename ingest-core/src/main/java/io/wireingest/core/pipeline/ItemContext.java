package io.wireingest.core.pipeline;

import io.wireingest.core.model.RawItem;
import java.time.Instant;

/**
 * What every stage may know about the item being processed: the raw item, the limits, and the time budget.
 */
public final class ItemContext {
    private final RawItem raw;
    private final Limits limits;
    private final long deadlineNanos;
    private StageName stage = StageName.LIMITS;

    public ItemContext(RawItem raw, Limits limits) {
        this.raw = raw;
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.maxTime().toNanos();
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
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new RejectedException(
                    stage,
                    "timeout",
                    "item took longer than the limit of " + limits.maxTime().toMillis() + " ms");
        }
    }
}
