package io.wireingest.worker.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for the bulk commands: redrawn in place on a terminal, a line every few seconds
 * otherwise (logs, CI), and a summary at the end.
 */
final class Progress {
    private final PrintStream err;
    private final String label;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long total;
    private long lastDraw;

    Progress(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null;
    }

    void total(long newTotal) {
        total = newTotal;
    }

    /** Redraws if enough time has passed. */
    void update(long done, long bytes) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        if (now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        draw(done, bytes);
    }

    private void draw(long done, long bytes) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        String rate = String.format(Locale.ROOT, "%.0f items/s, %.1f MiB", done / seconds, bytes / 1048576.0);
        String line;
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            line = String.format(
                    Locale.ROOT,
                    "%s [%s%s] %d/%d (%d%%) %s",
                    label,
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    done,
                    total,
                    100 * done / total,
                    rate);
        } else {
            line = String.format(Locale.ROOT, "%s %d items, %s", label, done, rate);
        }
        if (terminal) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the bar (a final redraw on a terminal). */
    void finish(long done, long bytes) {
        if (terminal) {
            draw(done, bytes);
            err.println();
        }
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
