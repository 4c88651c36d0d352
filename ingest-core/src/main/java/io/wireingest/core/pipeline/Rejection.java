package io.wireingest.core.pipeline;

import java.util.Objects;

/**
 * Why an item was not normalized.
 *
 * @param stage the stage that refused it
 * @param reason a short, stable, lowercase code from a bounded set (safe as a metric tag), e.g. {@code too-large}
 * @param detail a human-readable explanation naming what was wrong; never the item's content beyond a short excerpt
 * @param errorClass the exception class behind the rejection, or null
 */
public record Rejection(StageName stage, String reason, String detail, String errorClass) {
    public Rejection {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    public Rejection(StageName stage, String reason, String detail) {
        this(stage, reason, detail, null);
    }
}
