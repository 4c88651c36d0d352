package io.wireingest.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.worker.Main;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.kafka.KafkaClients;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code publish}: sends raw items into the raw topic (backfill, replaying an archive): envelope JSON files, JSON
 * Lines of envelopes ({@code .jsonl}, {@code .ndjson}, or {@code -} for stdin), bare content files (type from
 * {@code --content-type} or the extension), and folders of those (recursively); any of these files may be gzipped
 * ({@code .gz}: unpacked, typed by the name inside). Shows progress and a summary.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publish raw items (files, folders, JSON Lines, stdin) to the raw topic.",
            "Inputs: envelope .json files, JSON Lines (.jsonl/.ndjson, '-' = stdin),",
            "bare content files (.txt, .html, .xml, ...: headers content-type/feed/item-id/received-at are set;",
            "item-id: the file name, or the path under the folder argument, e.g. 2024-03-01/story.txt),",
            "and folders of them; gzipped files (.jsonl.gz, .html.gz, ...) are unpacked on the way.",
            "Broker: KAFKA_BOOTSTRAP_SERVERS, else the embedded broker of a running `run`.",
            "Each item is checked first: a file that cannot be read (damaged or truncated gzip), an item over",
            "INGEST_MAX_ITEM_BYTES (an envelope by its decoded body; a JSON Lines line longer than the envelope of",
            "an item at the limit with every byte escaped, 6 x limit + 65536 bytes: skipped unread), a .json file",
            "that is not valid JSON and an invalid envelope are reported, counted and not sent, and the run goes on.",
            "Progress: bytes of the files read, items sent.",
            "Brokers that acknowledge nothing for --timeout seconds while items wait (gone, unreachable, or refusing",
            "every write with an error the producer retries, e.g. NOT_ENOUGH_REPLICAS) end the run at once: one line",
            "`publish: failed: the Kafka brokers at ... stopped acknowledging ...`; unconfirmed items count as failed.",
            "Exit codes: 0 all sent; 1 some item not sent, no items found, or the brokers stopped acknowledging;",
            "2 usage error (bad option, missing file, topic does not exist)."
        })
public final class PublishCommand implements Callable<Integer> {
    @Mixin
    ConfigOption configOption;

    @Mixin
    BrokerTimeoutOption timeoutOption;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders, or '-' for JSON Lines on stdin.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Target topic (default: INGEST_RAW_TOPIC).")
    String topic;

    @Option(
            names = "--feed",
            paramLabel = "NAME",
            defaultValue = "local",
            description = "Feed of bare files (default: ${DEFAULT-VALUE}).")
    String feed;

    @Option(
            names = "--content-type",
            paramLabel = "TYPE",
            description = "Content type of bare files (default: from the extension).")
    String contentType;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        Optional<WorkerConfig> loaded = configOption.load("publish", err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        WorkerConfig config = loaded.get();
        Duration timeout;
        try {
            CliArgs.topic("--topic", topic);
            timeout = timeoutOption.timeout();
        } catch (CliArgs.UsageException e) {
            err.println("publish: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        String target = topic == null ? config.rawTopic() : topic;
        List<Path> files = new ArrayList<>();
        // the item id of each file (bare files): its path relative to the folder argument it was found under, or
        // its name when it was given directly, so that 2024-03-01/story.txt and 2024-03-02/story.txt stay apart
        java.util.Map<Path, String> itemIds = new java.util.HashMap<>();
        boolean stdin = false;
        for (String p : paths) {
            if (p.equals("-")) {
                stdin = true;
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                int before = files.size();
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(f -> {
                                files.add(f);
                                itemIds.put(f, itemId(path, f));
                            });
                } catch (IOException | UncheckedIOException e) {
                    err.println("publish: cannot list the folder " + p + ": " + e.getMessage());
                    return Main.EXIT_USAGE;
                }
                if (files.size() == before) {
                    err.println("publish: warning: no files under " + p);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                err.println("publish: no such file or folder: " + p);
                return Main.EXIT_USAGE;
            }
        }
        if (files.isEmpty() && !stdin) {
            err.println("publish: no items found under " + String.join(", ", paths) + "; nothing sent");
            return 1;
        }
        Optional<String> bootstrap = ConfigOption.bootstrap(config);
        if (bootstrap.isEmpty()) {
            err.println("publish: no broker: set KAFKA_BOOTSTRAP_SERVERS, or start `run` (embedded broker) first");
            return Main.EXIT_USAGE;
        }
        Optional<Path> embeddedFile = ConfigOption.embeddedFile(config);
        if (embeddedFile.isPresent() && !ConfigOption.listening(bootstrap.get())) {
            err.println("publish: " + ConfigOption.staleEmbedded(bootstrap.get(), embeddedFile.get()));
            return 1;
        }
        KafkaClients clients = new KafkaClients(config, bootstrap.get());
        try {
            if (!TopicCheck.missing(config, clients, "wire-ingest-publish-check", List.of(target))
                    .isEmpty()) {
                err.println("publish: topic '" + target + "' does not exist at " + bootstrap.get()
                        + (topic == null ? " (" + WorkerConfig.RAW_TOPIC.env() + ")" : " (--topic)")
                        + "; create it or start `run` first");
                return Main.EXIT_USAGE;
            }
        } catch (TopicCheck.BrokerException e) {
            err.println("publish: " + e.getMessage());
            embeddedFile.ifPresent(f -> err.println("publish: " + ConfigOption.staleEmbedded(bootstrap.get(), f)));
            return 1;
        }
        AtomicLong sent = new AtomicLong();
        AckWatchdog watchdog = new AckWatchdog(timeout);
        AtomicLong bytes = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        long inputBytes = 0;
        for (Path file : files) {
            try {
                inputBytes += Files.size(file);
            } catch (IOException e) {
                // reported when the file is read
            }
        }
        Progress progress = new Progress(err, "publish", stdin ? 0 : inputBytes, Progress.Unit.BYTES);
        Batch[] batch = {null};
        int filesRead = 0;
        boolean stdinRead = false;
        boolean stalled = false;
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaClients.maxBlockAtMost(clients.producer("wire-ingest-publish"), timeout));
        try {
            Sender sender = record -> {
                if (watchdog.stalled(System.nanoTime())) {
                    throw new BrokersStalled();
                }
                watchdog.sending(System.nanoTime());
                producer.send(record, (meta, e) -> {
                    if (e == null) {
                        sent.incrementAndGet();
                        bytes.addAndGet(record.value() == null ? 0 : record.value().length);
                    }
                    // the records failed by the close after a stall are reported by the stall message
                    if (watchdog.completed(System.nanoTime(), e)) {
                        if (!AckWatchdog.isSilence(e)) {
                            firstRefusal.compareAndSet(null, e.toString());
                        }
                        firstError.compareAndSet(null, e.toString());
                    }
                });
                progress.update(batch[0].bytesRead(), sent.get() + " items sent");
            };
            batch[0] = new Batch(target, feed, contentType, config.maxItemBytes(), sender, err);
            try {
                for (Path file : files) {
                    batch[0].file(file, itemIds.get(file));
                    filesRead++;
                    progress.update(batch[0].bytesRead(), sent.get() + " items sent");
                }
                if (stdin) {
                    batch[0].stdin(System.in);
                    stdinRead = true;
                }
                // bounded, unlike flush(): the producer sends on its own after linger.ms
                stalled = !watchdog.awaitCompletion(System::nanoTime);
            } catch (BrokersStalled e) {
                stalled = true;
            }
        } finally {
            // after a stall nothing more will be answered: fail what is left now, instead of close()'s wait for it
            if (stalled) {
                watchdog.abandon();
            }
            producer.close(stalled ? Duration.ZERO : timeout);
        }
        Batch done = batch[0];
        // every item handed to the producer and not acknowledged failed (also those a stall left unconfirmed)
        long failedCount = done.queued() - sent.get();
        AtomicLong failed = new AtomicLong(failedCount);
        progress.finish(done.bytesRead(), sent.get() + " items sent");
        double seconds = progress.seconds();
        err.printf(
                Locale.ROOT,
                "published %d of %d items (%.1f MiB) from %d file%s%s to %s at %s in %.1f s (%.0f items/s);"
                        + " not sent: %d failed, %d invalid, %d too large, %d unreadable%s%n",
                sent.get(),
                // every input counted once: the items handed to the producer (sent or failed), those refused before
                // (invalid, too large), and each file that could not be read to its end as one
                done.queued() + done.invalid() + done.tooLarge() + done.unreadable(),
                bytes.get() / 1048576.0,
                files.size(),
                files.size() == 1 ? "" : "s",
                stdin ? " and stdin" : "",
                target,
                bootstrap.get(),
                seconds,
                sent.get() / Math.max(seconds, 1e-3),
                failed.get(),
                done.invalid(),
                done.tooLarge(),
                done.unreadable(),
                done.unreadable() == 0
                        ? ""
                        : done.unreadable() == 1 ? " file (counted as one item)" : " files (counted as one item each)");
        // After a stall the client's own timeouts (no metadata, buffer full while waiting) only restate it.
        String first = stalled ? firstRefusal.get() : firstError.get();
        if (first != null) {
            err.println("first failure: " + first);
        }
        if (stalled) {
            long notRead = files.size() - filesRead;
            err.println("publish: failed: "
                    + BrokerTimeoutOption.stalledMessage(
                            bootstrap.get(), watchdog, BrokerTimeoutOption.Stall.NO_ACKNOWLEDGEMENT)
                    + "; " + sent.get() + " items sent, " + (failedCount - watchdog.refused()) + " not confirmed"
                    + (notRead > 0
                            ? "; " + notRead + " of " + files.size() + " files not read, or not to their end"
                            : "")
                    + (stdin && !stdinRead ? "; stdin not read to its end" : ""));
            return Main.EXIT_FAILURE;
        }
        if (done.queued() == 0 && done.invalid() + done.tooLarge() + done.unreadable() == 0) {
            err.println("publish: no items found under " + String.join(", ", paths) + "; nothing sent");
            return 1;
        }
        return failed.get() == 0 && done.invalid() + done.tooLarge() + done.unreadable() == 0 ? 0 : 1;
    }

    /** Whether the file is gzipped (named {@code *.gz}). */
    static boolean isGzipped(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** The file's name, without {@code .gz} when it is gzipped: the name of what is inside. */
    static String unpackedName(Path file) {
        String name = file.getFileName().toString();
        return isGzipped(file) ? name.substring(0, name.length() - 3) : name;
    }

    /**
     * The item id of a bare file found under a folder: its path relative to the folder, with '/' separators and
     * without {@code .gz}, e.g. {@code 2024-03-01/story.txt}.
     */
    static String itemId(Path folder, Path file) {
        Path relative = folder.relativize(file);
        List<String> parts = new ArrayList<>();
        for (Path part : relative) {
            parts.add(part.toString());
        }
        parts.set(parts.size() - 1, unpackedName(file));
        return String.join("/", parts);
    }

    /** The file's content, unpacked when it is gzipped. */
    static InputStream open(Path file) throws IOException {
        return unpacked(file, Files.newInputStream(file));
    }

    private static InputStream unpacked(Path file, InputStream in) throws IOException {
        if (!isGzipped(file)) {
            return in;
        }
        try {
            return new GZIPInputStream(in);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** What went wrong reading a file, in words (a damaged gzip file names the damage). */
    static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "truncated (" + e.getMessage() + ")";
        }
        if (e instanceof ZipException) {
            return "damaged gzip data (" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Thrown by the sender when the brokers stopped acknowledging: the run ends. */
    private static final class BrokersStalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokersStalled() {
            super("the brokers stopped acknowledging", null, false, false);
        }
    }

    /** Sends one record. */
    interface Sender {
        void send(ProducerRecord<byte[], byte[]> record);
    }

    /**
     * Turns files and JSON Lines into records for a {@link Sender}, checking each item first: a file that cannot be
     * read (a damaged or truncated gzip file) is counted as unreadable and the run goes on; an item larger than the
     * item limit, a JSON file that does not parse and an invalid envelope are counted and not sent.
     */
    static final class Batch {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String topic;
        private final String feed;
        private final String contentType;
        private final long maxItemBytes;
        private final long lineLimit;
        private final long recordLimit;
        private final Sender sender;
        private final PrintStream err;
        private long queued;
        private long invalid;
        private long tooLarge;
        private long unreadable;
        private long completedBytes;
        private CountingInputStream current;

        Batch(String topic, String feed, String contentType, long maxItemBytes, Sender sender, PrintStream err) {
            this.topic = topic;
            this.feed = feed;
            this.contentType = contentType;
            this.maxItemBytes = Math.min(maxItemBytes, Integer.MAX_VALUE - 8);
            // every byte of the body may be escaped (\\u00e9): 6 × limit + 65536; the item is judged by its decoded
            // body
            this.lineLimit = BoundedLines.escapedEnvelopeBytes(this.maxItemBytes);
            this.recordLimit = recordLimit(this.maxItemBytes);
            this.sender = sender;
            this.err = err;
        }

        /**
         * The largest envelope sent as it was read: one of an item at the item limit with its body as {@code
         * bodyBase64} and its other fields (4 × ⌈limit / 3⌉ + 65536, README "Record sizes"), which every record limit
         * holds. A longer envelope (its body escaped) is sent re-encoded with its body as {@code bodyBase64}.
         */
        static long recordLimit(long maxItemBytes) {
            return Math.min(WorkerConfig.minRecordBytes(maxItemBytes), Integer.MAX_VALUE - 8);
        }

        long queued() {
            return queued;
        }

        long invalid() {
            return invalid;
        }

        long tooLarge() {
            return tooLarge;
        }

        long unreadable() {
            return unreadable;
        }

        /** Bytes of the input files read so far (as stored, so gzipped files count packed). */
        long bytesRead() {
            CountingInputStream in = current;
            return completedBytes + (in == null ? 0 : in.count);
        }

        /** Sends the items of one file, a bare one with its name as item id; see {@link #file(Path, String)}. */
        void file(Path file) {
            file(file, null);
        }

        /**
         * Sends the items of one file, a bare one with the given item id (null: the file's name); problems are reported
         * on stderr and counted, never thrown.
         */
        void file(Path file, String itemId) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                unreadable(file.toString(), e, 0);
                return;
            }
            long before = queued;
            try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(file))) {
                current = counting;
                sendFile(file, itemId, size, counting);
            } catch (IOException e) {
                unreadable(file.toString(), e, queued - before);
            } finally {
                current = null;
                completedBytes += size;
            }
        }

        /** Sends JSON Lines of envelopes read from stdin. */
        void stdin(InputStream in) {
            long before = queued;
            CountingInputStream counting = new CountingInputStream(in);
            current = counting;
            try {
                lines(counting, "stdin");
            } catch (IOException e) {
                unreadable("stdin", e, queued - before);
            } finally {
                current = null;
                completedBytes += counting.count;
            }
        }

        private void sendFile(Path file, String itemId, long size, InputStream stored) throws IOException {
            boolean gzipped = isGzipped(file);
            String id = itemId != null ? itemId : unpackedName(file);
            String name = unpackedName(file).toLowerCase(Locale.ROOT);
            String source = file.toString();
            try (InputStream in = unpacked(file, stored)) {
                if (contentType == null && (name.endsWith(".jsonl") || name.endsWith(".ndjson"))) {
                    lines(in, source);
                    return;
                }
                String type = contentType != null ? contentType : typeOf(name);
                boolean json = CliArgs.isJsonType(type);
                if (!gzipped && !json && size > maxItemBytes) {
                    tooLarge(source + ": " + size + " bytes");
                    return;
                }
                // read one byte past the item limit, so that a gzip bomb cannot fill the heap; an envelope may be
                // larger than its body (escapes, base64), so JSON gets room for that (a body escaped byte by byte)
                long cap = json ? lineLimit : maxItemBytes;
                byte[] body = in.readNBytes(Math.toIntExact(Math.min(cap + 1, Integer.MAX_VALUE - 8)));
                if (body.length > cap) {
                    tooLarge(source + (gzipped ? ": unpacks to more than " + cap + " bytes" : ": " + size + " bytes"));
                    return;
                }
                if (json) {
                    JsonNode node;
                    try {
                        node = CliArgs.json(body);
                    } catch (CliArgs.InvalidJsonException e) {
                        invalid(source + ": " + e.getMessage());
                        return;
                    }
                    if (contentType == null && Envelope.looksLikeEnvelope(body)) {
                        envelope(node, body, source);
                        return;
                    }
                }
                if (body.length > maxItemBytes) {
                    tooLarge(source + ": " + body.length + " bytes");
                    return;
                }
                Instant at = Files.getLastModifiedTime(file).toInstant();
                RecordHeaders headers = new RecordHeaders();
                headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(type));
                headers.add(IngestHeaders.FEED, IngestHeaders.bytes(feed));
                headers.add(IngestHeaders.ITEM_ID, IngestHeaders.bytes(id));
                headers.add(IngestHeaders.RECEIVED_AT, IngestHeaders.bytes(at.toString()));
                send(new ProducerRecord<>(topic, null, id.getBytes(StandardCharsets.UTF_8), body, headers));
            }
        }

        /**
         * Sends the envelopes of JSON Lines. A line longer than {@code lineLimit} bytes cannot hold an envelope of
         * an item within the limit: it is read to its end without being kept, counted too large, and the next line
         * goes on.
         */
        private void lines(InputStream in, String source) throws IOException {
            BoundedLines reader = new BoundedLines(in, lineLimit);
            BoundedLines.Line line;
            while ((line = reader.next()) != null) {
                String where = source + ":" + line.number();
                if (line.tooLong()) {
                    tooLarge++;
                    err.println("publish: " + where + ": a line of " + line.length() + " bytes, more than the "
                            + lineLimit + " bytes an envelope of an item at " + WorkerConfig.MAX_ITEM_BYTES.env() + " ("
                            + maxItemBytes + " bytes) takes with every byte of its body escaped; not sent");
                    continue;
                }
                // as text, as before: a malformed UTF-8 sequence becomes U+FFFD
                String text = new String(line.bytes(), StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    continue;
                }
                byte[] json = text.getBytes(StandardCharsets.UTF_8);
                JsonNode node;
                try {
                    node = CliArgs.json(json);
                } catch (CliArgs.InvalidJsonException e) {
                    invalid(where + ": " + e.getMessage().replace(" at line 1, column ", " at column "));
                    continue;
                }
                envelope(node, json, where);
            }
        }

        /** Sends an envelope as it is, after checking it and the size of its body. */
        private void envelope(JsonNode node, byte[] json, String source) {
            RawItem item;
            try {
                item = Envelope.fromJson(node);
            } catch (Envelope.InvalidEnvelopeException e) {
                invalid(source + ": " + e.getMessage());
                return;
            }
            if (item.body().length > maxItemBytes) {
                tooLarge(source + ": item " + item.id() + " has a body of " + item.body().length + " bytes");
                return;
            }
            byte[] record = json;
            if (json.length > recordLimit) {
                // an item within the limit whose envelope is longer than any record limit must hold (its body written
                // with escapes, \\u00e9 for é): sent as the same item with its body as bodyBase64
                record = base64Envelope(item);
                if (record.length > recordLimit) {
                    tooLarge++;
                    err.println("publish: " + source + ": the envelope of item " + item.id() + " takes " + record.length
                            + " bytes even with its body as bodyBase64, more than the " + recordLimit
                            + " bytes of an envelope of an item at " + WorkerConfig.MAX_ITEM_BYTES.env() + " ("
                            + maxItemBytes + " bytes) with its other fields; not sent");
                    return;
                }
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes("application/json"));
            send(new ProducerRecord<>(topic, null, item.id().getBytes(StandardCharsets.UTF_8), record, headers));
        }

        /** The envelope of an item with its body as {@code bodyBase64} (its content type as read, charset and all). */
        static byte[] base64Envelope(RawItem item) {
            ObjectNode node = Envelope.toJson(item);
            node.remove("body");
            node.put("bodyBase64", Base64.getEncoder().encodeToString(item.body()));
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private void send(ProducerRecord<byte[], byte[]> record) {
            // counted once handed over: a sender that refuses to send (brokers stalled) throws first
            sender.send(record);
            queued++;
        }

        private void invalid(String message) {
            invalid++;
            err.println("publish: " + message + "; not sent");
        }

        private void tooLarge(String message) {
            tooLarge++;
            err.println("publish: " + message + ", more than " + WorkerConfig.MAX_ITEM_BYTES.env() + " (" + maxItemBytes
                    + " bytes); not sent");
        }

        private void unreadable(String source, IOException e, long sentBefore) {
            unreadable++;
            err.println("publish: " + source + ": cannot read: " + describe(e)
                    + (sentBefore > 0 ? "; the " + sentBefore + " items read before the damage were sent" : "")
                    + "; the rest is skipped");
        }
    }

    /** Counts the bytes read through it (progress over the stored files). */
    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    static String typeOf(String name) {
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return "text/html";
        }
        if (name.endsWith(".xml") || name.endsWith(".nitf") || name.endsWith(".newsml")) {
            return "application/xml";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".rss") || name.endsWith(".atom")) {
            return "application/xml";
        }
        if (name.endsWith(".txt") || name.endsWith(".text") || name.endsWith(".anpa") || name.endsWith(".7901")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
