package io.wireingest.worker.cli;

import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.worker.Main;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.kafka.KafkaClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
            "Publish raw items to the raw topic: envelope .json files, JSON Lines (.jsonl/.ndjson, '-' = stdin),",
            "bare content files (.txt, .html, .xml, ...: headers content-type/feed/item-id/received-at are set),",
            "and folders of them; gzipped files (.jsonl.gz, .html.gz, ...) are unpacked on the way.",
            "Broker: KAFKA_BOOTSTRAP_SERVERS, else the embedded broker of a running `run`.",
            "Exit codes: 0 all sent, 1 some item not sent, 2 usage error."
        })
public final class PublishCommand implements Callable<Integer> {
    @Mixin
    ConfigOption configOption;

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
        Optional<String> bootstrap = ConfigOption.bootstrap(config);
        if (bootstrap.isEmpty()) {
            err.println("publish: no broker: set KAFKA_BOOTSTRAP_SERVERS, or start `run` (embedded broker) first");
            return Main.EXIT_USAGE;
        }
        String target = topic == null ? config.rawTopic() : topic;
        List<Path> files = new ArrayList<>();
        boolean stdin = false;
        for (String p : paths) {
            if (p.equals("-")) {
                stdin = true;
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                err.println("publish: no such file or folder: " + p);
                return Main.EXIT_USAGE;
            }
        }
        KafkaClients clients = new KafkaClients(config, bootstrap.get());
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[] queued = {0};
        long[] invalid = {0};
        long maxUnpacked = Math.min(config.maxItemBytes(), Integer.MAX_VALUE - 8);
        Progress progress = new Progress(err, "publish", files.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("wire-ingest-publish"))) {
            Sender sender = record -> {
                queued[0]++;
                producer.send(record, (meta, e) -> {
                    if (e == null) {
                        sent.incrementAndGet();
                        bytes.addAndGet(record.value() == null ? 0 : record.value().length);
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                });
                progress.update(sent.get(), bytes.get());
            };
            for (Path file : files) {
                boolean gzipped = isGzipped(file);
                String id = unpackedName(file);
                String name = id.toLowerCase(Locale.ROOT);
                if (contentType == null && (name.endsWith(".jsonl") || name.endsWith(".ndjson"))) {
                    try (InputStream in = open(file)) {
                        invalid[0] += lines(in, file.toString(), target, sender, err);
                    }
                    continue;
                }
                byte[] body;
                try (InputStream in = open(file)) {
                    // a gzipped file is read one byte past the item limit, so that a bomb cannot fill the heap
                    body = gzipped ? in.readNBytes(Math.toIntExact(maxUnpacked + 1)) : in.readAllBytes();
                }
                if (gzipped && body.length > maxUnpacked) {
                    err.println("publish: " + file + ": unpacks to more than " + WorkerConfig.MAX_ITEM_BYTES.env()
                            + " (" + maxUnpacked + " bytes); not sent");
                    invalid[0]++;
                    continue;
                }
                if (contentType == null && name.endsWith(".json") && Envelope.looksLikeEnvelope(body)) {
                    if (envelope(body, file.toString(), target, sender, err)) {
                        invalid[0]++;
                    }
                    continue;
                }
                String type = contentType != null ? contentType : typeOf(name);
                Instant at = Files.getLastModifiedTime(file).toInstant();
                RecordHeaders headers = new RecordHeaders();
                headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(type));
                headers.add(IngestHeaders.FEED, IngestHeaders.bytes(feed));
                headers.add(IngestHeaders.ITEM_ID, IngestHeaders.bytes(id));
                headers.add(IngestHeaders.RECEIVED_AT, IngestHeaders.bytes(at.toString()));
                sender.send(new ProducerRecord<>(target, null, id.getBytes(StandardCharsets.UTF_8), body, headers));
            }
            if (stdin) {
                invalid[0] += lines(System.in, "stdin", target, sender, err);
            }
            progress.total(queued[0]);
            producer.flush();
        }
        progress.finish(sent.get(), bytes.get());
        double seconds = progress.seconds();
        err.printf(
                Locale.ROOT,
                "published %d items (%.1f MiB) to %s at %s in %.1f s (%.0f items/s); %d failed, %d invalid%n",
                sent.get(),
                bytes.get() / 1048576.0,
                target,
                bootstrap.get(),
                seconds,
                sent.get() / Math.max(seconds, 1e-3),
                failed.get(),
                invalid[0]);
        if (firstError.get() != null) {
            err.println("first failure: " + firstError.get());
        }
        return failed.get() == 0 && invalid[0] == 0 ? 0 : 1;
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

    /** The file's content, unpacked when it is gzipped. */
    static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return isGzipped(file) ? new GZIPInputStream(in) : in;
    }

    /** Sends one record. */
    private interface Sender {
        void send(ProducerRecord<byte[], byte[]> record);
    }

    private static long lines(InputStream in, String source, String topic, Sender sender, PrintStream err)
            throws IOException {
        long invalid = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (!line.isBlank()
                    && envelope(line.getBytes(StandardCharsets.UTF_8), source + ":" + n, topic, sender, err)) {
                invalid++;
            }
        }
        return invalid;
    }

    /** Sends an envelope as it is; true when it is invalid (reported, not sent). */
    private static boolean envelope(byte[] json, String source, String topic, Sender sender, PrintStream err) {
        RawItem item;
        try {
            item = Envelope.parse(json);
        } catch (Envelope.InvalidEnvelopeException e) {
            err.println("publish: " + source + ": " + e.getMessage());
            return true;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes("application/json"));
        sender.send(new ProducerRecord<>(topic, null, item.id().getBytes(StandardCharsets.UTF_8), json, headers));
        return false;
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
