package io.wireingest.worker.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for the bulk commands: redrawn in place on a terminal, a line every few seconds
 * otherwise (logs, CI), and a last line at the end. The bar measures what is known up front (bytes of the input
 * files for {@code publish}, offsets to scan for {@code replay-rejected}) and so ends at 100%; the detail next to it
 * says what was done (items sent, dead letters matched).
 */
final class Progress {
    /** What the bar counts. */
    enum Unit {
        /** Bytes of input read (shown in MiB). */
        BYTES,
        /** Offsets scanned. */
        OFFSETS,
        /** Items sent. */
        ITEMS
    }

    private final PrintStream err;
    private final String label;
    private final Unit unit;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final long total;
    private long lastDraw = started;

    /** A bar to {@code total} (0 or less: unknown, no bar). */
    Progress(PrintStream err, String label, long total, Unit unit) {
        this(err, label, total, unit, System.console() != null);
    }

    Progress(PrintStream err, String label, long total, Unit unit, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.terminal = terminal;
    }

    /** Redraws if enough time has passed. */
    void update(long done, String detail) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        if (now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        draw(done, detail);
    }

    /** Ends the bar with a last line. */
    void finish(long done, String detail) {
        draw(done, detail);
        if (terminal) {
            err.println();
        }
    }

    private void draw(long done, String detail) {
        String line = line(label, done, total, unit, detail);
        if (terminal) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** One line of the bar, e.g. {@code publish [#####-----] 1.0/2.0 MiB (50%), 12 items sent}. */
    static String line(String label, long done, long total, Unit unit, String detail) {
        boolean kib = unit == Unit.BYTES && Math.max(done, total) < 1048576;
        String suffix = unit == Unit.BYTES ? (kib ? " KiB" : " MiB") : unit == Unit.OFFSETS ? " offsets" : " items";
        String amount = amount(done, unit, kib);
        if (total <= 0) {
            return label + " " + amount + suffix + ", " + detail;
        }
        int width = 30;
        long shown = Math.min(done, total);
        int filled = (int) (width * shown / total);
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %s/%s%s (%d%%), %s",
                label,
                "#".repeat(filled),
                "-".repeat(width - filled),
                amount,
                amount(total, unit, kib),
                suffix,
                100 * shown / total,
                detail);
    }

    private static String amount(long n, Unit unit, boolean kib) {
        if (unit != Unit.BYTES) {
            return Long.toString(n);
        }
        return kib ? String.format(Locale.ROOT, "%.1f", n / 1024.0) : mib(n);
    }

    /** Bytes in MiB, one decimal. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
