package io.wireingest.core.pipeline;

import java.time.Duration;

/**
 * Explicit bounds on one item.
 *
 * @param maxBytes largest raw body accepted; larger items are rejected at stage {@code limits}
 * @param maxDepth deepest element nesting kept when parsing HTML and XML; deeper markup is flattened (HTML) or
 *     refused (XML)
 * @param maxTime processing-time budget for one item (wall clock and the thread's CPU time both past it; see
 *     {@link ItemContext}); checked between stages and inside long loops
 * @param maxArticles most articles one input (a feed, a newsMessage, a ninjs array) may produce
 */
public record Limits(long maxBytes, int maxDepth, Duration maxTime, int maxArticles) {
    /** 16 MiB, depth 256, 5 seconds, 1000 articles. */
    public static final Limits DEFAULT = new Limits(16L * 1024 * 1024, 256, Duration.ofSeconds(5), 1000);

    public Limits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (maxDepth < 8) {
            throw new IllegalArgumentException("maxDepth must be at least 8: " + maxDepth);
        }
        if (maxTime == null || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive: " + maxTime);
        }
        if (maxArticles <= 0) {
            throw new IllegalArgumentException("maxArticles must be positive: " + maxArticles);
        }
    }

    public Limits withMaxBytes(long value) {
        return new Limits(value, maxDepth, maxTime, maxArticles);
    }

    public Limits withMaxDepth(int value) {
        return new Limits(maxBytes, value, maxTime, maxArticles);
    }

    public Limits withMaxTime(Duration value) {
        return new Limits(maxBytes, maxDepth, value, maxArticles);
    }

    public Limits withMaxArticles(int value) {
        return new Limits(maxBytes, maxDepth, maxTime, value);
    }
}
