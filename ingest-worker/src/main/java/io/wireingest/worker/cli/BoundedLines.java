package io.wireingest.worker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the lines of a stream (JSON Lines) as bytes, each kept only up to a bound: a longer line is read to its end
 * without being kept (only its length is counted), so that one huge line (a gzip bomb of a {@code .jsonl.gz}) cannot
 * fill the heap. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as {@link java.io.BufferedReader#readLine} has
 * them; the last line needs no terminator.
 */
final class BoundedLines {
    /**
     * One line: its number (from 1), its bytes without the terminator, or null when it was longer than the bound,
     * and its length in bytes.
     */
    record Line(long number, byte[] bytes, long length) {
        /** Whether the line was longer than the bound (and so not kept). */
        boolean tooLong() {
            return bytes == null;
        }
    }

    /** Room for an envelope's fields besides its body, as in {@code WorkerConfig.minRecordBytes}. */
    static final int FIELDS_BYTES = 64 * 1024;

    /**
     * The longest line that may hold the envelope of an item of {@code maxItemBytes}: its body written as a JSON string
     * with every byte escaped ({@code \\u0001}: 6 bytes per byte of item, the worst case; Python's {@code json.dumps}
     * writes an {@code é} of 2 bytes as 6), plus 65536 bytes for the other fields. Capped at what a line can hold.
     */
    static long escapedEnvelopeBytes(long maxItemBytes) {
        return Math.min(
                6 * Math.max(0, Math.min(maxItemBytes, Integer.MAX_VALUE)) + FIELDS_BYTES, Integer.MAX_VALUE - 8);
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[65536];
    private int pos;
    private int end;
    private long number;
    private boolean crBefore; // the last line ended with '\r': a '\n' right after it ends nothing more

    /** Lines of at most {@code maxBytes} bytes (at most {@code Integer.MAX_VALUE - 8}) from the stream. */
    BoundedLines(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = (int) Math.max(0, Math.min(maxBytes, Integer.MAX_VALUE - 8));
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        byte[] kept = new byte[Math.min(maxBytes, 8192)];
        int keptLength = 0;
        boolean over = false;
        long length = 0;
        boolean started = false;
        while (true) {
            if (pos == end && !fill()) {
                if (!started) {
                    return null;
                }
                return line(over ? null : kept, keptLength, length);
            }
            if (crBefore) {
                crBefore = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int i = pos;
            while (i < end && buffer[i] != '\n' && buffer[i] != '\r') {
                i++;
            }
            int n = i - pos;
            length += n;
            if (!over) {
                if (n > maxBytes - keptLength) {
                    over = true;
                    kept = null; // not kept: the rest of the line is only counted
                } else {
                    if (keptLength + n > kept.length) {
                        kept = Arrays.copyOf(
                                kept, (int) Math.min(maxBytes, Math.max(2L * kept.length, keptLength + n)));
                    }
                    System.arraycopy(buffer, pos, kept, keptLength, n);
                    keptLength += n;
                }
            }
            pos = i;
            if (i < end) {
                crBefore = buffer[i] == '\r';
                pos++;
                return line(over ? null : kept, keptLength, length);
            }
        }
    }

    private Line line(byte[] kept, int keptLength, long length) {
        number++;
        byte[] bytes = kept == null ? null : keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength);
        return new Line(number, bytes, length);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        while (n == 0) {
            n = in.read(buffer);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
