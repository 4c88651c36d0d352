package io.wireingest.core.normalize;

import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;

/**
 * The item's time budget inside the rendering walks: {@link ItemContext#checkTime} every {@value #EVERY} steps (nodes
 * visited), so that a body of any shape is refused with reason {@code timeout} instead of rendering unbounded. Without
 * a context (tests, callers without a budget) it never refuses.
 */
final class TimeBudget {
    static final int EVERY = 1024;

    private final ItemContext context;
    private int steps;

    TimeBudget(ItemContext context) {
        this.context = context;
    }

    /** One step of a walk. */
    void tick() throws RejectedException {
        if (++steps >= EVERY && context != null) {
            steps = 0;
            context.checkTime();
        }
    }
}
