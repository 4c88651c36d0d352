package io.wireingest.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Limits;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.Rejection;
import io.wireingest.worker.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code normalize}: raw items in, normalized articles out, no Kafka. Articles go to stdout as JSON Lines in input
 * order; each rejection goes to stderr as one JSON line.
 */
@Command(
        name = "normalize",
        mixinStandardHelpOptions = true,
        description = {
            "Normalize raw items offline. Each FILE is a raw-item envelope (JSON) or bare content described by the "
                    + "options. With no FILE, or '-', reads JSON Lines of envelopes from stdin.",
            "Writes one article per line (JSON Lines) to stdout, rejections as JSON lines to stderr.",
            "Exit codes: 0 all items normalized, 1 some item rejected, 2 usage error."
        })
public final class NormalizeCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The most bytes of one input kept in memory: one less than the largest array, to see that there is more. */
    private static final int MAX_READ = Integer.MAX_VALUE - 9;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Envelope JSON or bare content files; '-' for stdin JSON Lines.")
    List<String> files = new ArrayList<>();

    @Option(
            names = "--content-type",
            paramLabel = "TYPE",
            description = "Content type of bare FILEs, e.g. 'text/plain; charset=utf-8' (default: sniffed).")
    String contentType;

    @Option(names = "--feed", paramLabel = "NAME", defaultValue = "local", description = "Feed name (default: local).")
    String feed;

    @Option(
            names = "--received-at",
            paramLabel = "TIME",
            description = "RFC 3339 reception time of bare FILEs (default: the file's modification time).")
    String receivedAt;

    @Option(
            names = "--item-id",
            paramLabel = "ID",
            description = "Item id of a bare FILE (default: the file name). Only with one FILE.")
    String itemId;

    @Option(names = "--language", paramLabel = "TAG", description = "Declared language of bare FILEs (BCP 47).")
    String language;

    @Option(
            names = "--max-bytes",
            paramLabel = "N",
            defaultValue = "16777216",
            description = "Largest item accepted, in bytes (default: ${DEFAULT-VALUE}). A file, or a stdin line, is"
                    + " read only up to it (one that may be an envelope: up to 6 x N + 65536 bytes, an item of N"
                    + " bytes with every byte escaped; its item is judged by its decoded body); a larger one is"
                    + " rejected (stage limits, reason too-large).")
    long maxBytes;

    @Option(
            names = "--max-depth",
            paramLabel = "N",
            defaultValue = "256",
            description =
                    "Deepest nesting: deeper HTML is flattened, deeper XML and JSON are rejected (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(
            names = "--max-time",
            paramLabel = "MS",
            defaultValue = "5000",
            description = "Time budget per item in milliseconds (default: ${DEFAULT-VALUE}).")
    long maxTimeMillis;

    @Option(names = "--pretty", description = "Indent the JSON (one article then spans several lines).")
    boolean pretty;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new NonClosing(System.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new NonClosing(System.err), true, StandardCharsets.UTF_8);
        Limits limits;
        Instant fixedReceivedAt;
        try {
            if (maxBytes < 1) {
                throw new CliArgs.UsageException("--max-bytes: expected a positive number of bytes, got " + maxBytes);
            }
            if (maxDepth < 8) {
                throw new CliArgs.UsageException("--max-depth: expected at least 8, got " + maxDepth);
            }
            if (maxTimeMillis < 1) {
                throw new CliArgs.UsageException(
                        "--max-time: expected a positive number of milliseconds, got " + maxTimeMillis);
            }
            limits = new Limits(maxBytes, maxDepth, Duration.ofMillis(maxTimeMillis), Limits.DEFAULT.maxArticles());
            fixedReceivedAt = CliArgs.instant("--received-at", receivedAt);
        } catch (CliArgs.UsageException e) {
            err.println("normalize: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (itemId != null && files.size() > 1) {
            err.println("normalize: --item-id names one item; it cannot be used with " + files.size() + " files");
            return Main.EXIT_USAGE;
        }
        IngestPipeline pipeline = IngestPipeline.create(limits);
        List<String> inputs = files.isEmpty() ? List.of("-") : files;
        int rejected = 0;
        try {
            for (String input : inputs) {
                if (input.equals("-")) {
                    rejected += normalizeLines(System.in, pipeline, out, err);
                } else {
                    Path path = Path.of(input);
                    boolean json = contentType == null
                            ? path.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith(".json")
                            : CliArgs.isJsonType(contentType);
                    // Read at most one byte past what an item may take, so that a huge file cannot fill the heap.
                    // A file that may be an envelope (any file without --content-type, JSON with it) gets the room
                    // of an envelope of an item at --max-bytes; its body is measured once decoded.
                    long cap = contentType == null || json ? envelopeBytes(maxBytes) : Math.min(maxBytes, MAX_READ);
                    byte[] bytes;
                    try (InputStream in = Files.newInputStream(path)) {
                        bytes = in.readNBytes((int) cap + 1);
                    } catch (NoSuchFileException e) {
                        err.println("normalize: no such file: " + input);
                        return Main.EXIT_USAGE;
                    } catch (IOException e) {
                        err.println("normalize: cannot read " + input + ": " + e.getMessage());
                        return Main.EXIT_USAGE;
                    }
                    if (bytes.length > cap) {
                        reject(err, input, null, "limits", "too-large", tooLarge(path, cap));
                        rejected++;
                        continue;
                    }
                    RawItem item;
                    JsonNode node = null;
                    if (json) {
                        // a .json file that does not parse is neither an envelope nor a JSON item
                        try {
                            node = CliArgs.json(bytes);
                        } catch (CliArgs.InvalidJsonException e) {
                            reject(
                                    err,
                                    input,
                                    null,
                                    "input",
                                    e.tooDeep() ? "too-deep" : "invalid-json",
                                    e.getMessage());
                            rejected++;
                            continue;
                        }
                    }
                    if (contentType == null && Envelope.looksLikeEnvelope(bytes)) {
                        try {
                            item = node != null ? Envelope.fromJson(node) : Envelope.parse(bytes);
                        } catch (Envelope.InvalidEnvelopeException e) {
                            reject(err, input, null, "envelope", "invalid-envelope", String.join("; ", e.problems()));
                            rejected++;
                            continue;
                        }
                    } else {
                        Instant at = fixedReceivedAt != null
                                ? fixedReceivedAt
                                : Files.getLastModifiedTime(path).toInstant();
                        String id = itemId != null ? itemId : path.getFileName().toString();
                        item = new RawItem(id, feed, contentType, at, null, language, java.util.Map.of(), bytes, null);
                    }
                    rejected += emit(pipeline.process(item), item, out, err);
                }
            }
        } catch (IOException e) {
            err.println("normalize: " + e.getMessage());
            return Main.EXIT_USAGE;
        } finally {
            out.flush();
        }
        return rejected == 0 ? 0 : 1;
    }

    private int normalizeLines(InputStream in, IngestPipeline pipeline, PrintStream out, PrintStream err)
            throws IOException {
        int rejected = 0;
        // a line longer than an envelope of an item at --max-bytes is read to its end without being kept
        long lineLimit = envelopeBytes(maxBytes);
        BoundedLines reader = new BoundedLines(in, lineLimit);
        BoundedLines.Line line;
        while ((line = reader.next()) != null) {
            String where = "stdin:" + line.number();
            if (line.tooLong()) {
                reject(
                        err,
                        where,
                        null,
                        "limits",
                        "too-large",
                        "the line is " + line.length() + " bytes, over the " + lineLimit + " bytes an envelope of an"
                                + " item at --max-bytes (" + maxBytes + ") takes with every byte of its body escaped");
                rejected++;
                continue;
            }
            // as text, as before: a malformed UTF-8 sequence becomes U+FFFD
            String text = new String(line.bytes(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                continue;
            }
            RawItem item;
            try {
                item = Envelope.parse(text.getBytes(StandardCharsets.UTF_8));
            } catch (Envelope.InvalidEnvelopeException e) {
                reject(err, where, null, "envelope", "invalid-envelope", String.join("; ", e.problems()));
                rejected++;
                continue;
            }
            rejected += emit(pipeline.process(item), item, out, err);
        }
        return rejected;
    }

    /**
     * The most bytes an envelope of an item at {@code maxBytes} takes, every byte of its body escaped ({@code \\u0001}):
     * 6 × maxBytes + 65536 (see {@link BoundedLines#escapedEnvelopeBytes}; publish's JSON Lines bound too). The item
     * is then judged by its decoded body.
     */
    static long envelopeBytes(long maxBytes) {
        return Math.min(BoundedLines.escapedEnvelopeBytes(maxBytes), MAX_READ);
    }

    /** The detail of a file over {@code cap}: its size when known, and the limit. */
    private String tooLarge(Path path, long cap) {
        String size;
        try {
            size = Files.isRegularFile(path) ? Files.size(path) + " bytes" : "more than " + cap + " bytes";
        } catch (IOException e) {
            size = "more than " + cap + " bytes";
        }
        return "the file is " + size + ", over the limit of " + maxBytes + " (--max-bytes)"
                + (cap > maxBytes ? ", " + cap + " for an envelope (every byte of its body escaped)" : "");
    }

    private int emit(Outcome outcome, RawItem item, PrintStream out, PrintStream err) {
        if (outcome instanceof Outcome.Normalized normalized) {
            for (Article article : normalized.articles()) {
                out.println(pretty ? article.json().toPrettyString() : article.toJson());
            }
            out.flush();
            return 0;
        }
        Rejection r = ((Outcome.Rejected) outcome).rejection();
        reject(err, null, item, r.stage().id(), r.reason(), r.detail());
        return 1;
    }

    private void reject(PrintStream err, String input, RawItem item, String stage, String reason, String detail) {
        ObjectNode line = MAPPER.createObjectNode();
        if (item != null) {
            line.put("itemId", item.id());
            line.put("feed", item.feed());
        }
        if (input != null) {
            line.put("input", input);
        }
        line.put("stage", stage);
        line.put("reason", reason);
        line.put("detail", detail);
        try {
            err.println(MAPPER.writeValueAsString(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps System.out/err open when our PrintStream wrapper is done. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
