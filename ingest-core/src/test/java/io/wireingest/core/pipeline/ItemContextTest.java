package io.wireingest.core.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.core.model.RawItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The time budget counts the item's own processing: wall clock and thread CPU time must both be past it. */
class ItemContextTest {
    private static final Limits LIMITS = Limits.DEFAULT.withMaxTime(Duration.ofMillis(100));
    private final AtomicLong wall = new AtomicLong(1_000_000_000L);
    private final AtomicLong cpu = new AtomicLong(5_000_000L);

    private static RawItem item() {
        return RawItem.of(
                "id",
                "feed",
                "text/plain",
                Instant.parse("2024-05-01T08:00:00Z"),
                "x".getBytes(StandardCharsets.UTF_8));
    }

    private ItemContext context() {
        return new ItemContext(item(), LIMITS, wall::get, cpu::get);
    }

    @Test
    void aPauseThatUsedNoCpuDoesNotSpendTheBudget() {
        ItemContext context = context();
        // Two seconds of wall clock (a collector pause, a stopped process) but only 10 ms of work.
        wall.addAndGet(Duration.ofSeconds(2).toNanos());
        cpu.addAndGet(Duration.ofMillis(10).toNanos());
        assertThatCode(context::checkTime).doesNotThrowAnyException();
    }

    @Test
    void workPastTheBudgetOnBothClocksIsATimeout() {
        ItemContext context = context();
        wall.addAndGet(Duration.ofMillis(150).toNanos());
        cpu.addAndGet(Duration.ofMillis(120).toNanos());
        assertThatThrownBy(context::checkTime)
                .isInstanceOfSatisfying(
                        RejectedException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(
                                        e.rejection().reason())
                                .isEqualTo("timeout"))
                .hasMessageContaining("100 ms");
    }

    @Test
    void withinTheWallClockBudgetTheCpuClockIsNotReadAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        ItemContext context = new ItemContext(item(), LIMITS, wall::get, () -> {
            reads.incrementAndGet();
            return cpu.get();
        });
        wall.addAndGet(Duration.ofMillis(50).toNanos());
        context.checkTime();
        // Read once, at the start: the per-check cost is one System.nanoTime() until the wall-clock deadline.
        org.assertj.core.api.Assertions.assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void withoutACpuClockTheWallClockDecides() {
        ItemContext context = new ItemContext(item(), LIMITS, wall::get, null);
        wall.addAndGet(Duration.ofMillis(101).toNanos());
        assertThatThrownBy(context::checkTime).isInstanceOf(RejectedException.class);
    }
}
