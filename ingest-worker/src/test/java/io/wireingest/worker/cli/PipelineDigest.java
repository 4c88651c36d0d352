package io.wireingest.worker.cli;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.Rejection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Not a test: a refactoring guard for performance work. Runs the pipeline over the 400 {@code bench} items (seed 42)
 * and every file under the given folders (for example {@code ../shared/corpus}) with a fixed receivedAt, and writes
 * one line per item, {@code name sha256(outcome)}, to OUT. Two runs of different code diff to the items whose output
 * changed.
 *
 * <pre>
 * java -cp ingest-worker/target/ingest-worker.jar:ingest-worker/target/test-classes \
 *     io.wireingest.worker.cli.PipelineDigest OUT [DIR ...]
 * </pre>
 */
public final class PipelineDigest {
    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");

    private PipelineDigest() {}

    public static void main(String[] args) throws IOException {
        IngestPipeline pipeline = IngestPipeline.create();
        List<RawItem> items = new ArrayList<>();
        BenchItems generator = new BenchItems(42, 2048, 60 * 1024);
        for (int i = 0; i < 400; i++) {
            BenchItems.Item item = generator.next(i);
            items.add(item.raw(RECEIVED));
        }
        for (int a = 1; a < args.length; a++) {
            try (Stream<Path> walk = Files.walk(Path.of(args[a]))) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    items.add(read(f));
                }
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0])))) {
            for (RawItem item : items) {
                Outcome outcome = pipeline.process(item);
                StringBuilder text = new StringBuilder();
                if (outcome instanceof Outcome.Rejected rejected) {
                    Rejection r = rejected.rejection();
                    text.append("rejected ")
                            .append(r.stage().id())
                            .append(' ')
                            .append(r.reason())
                            .append(' ')
                            .append(r.detail());
                } else {
                    for (Article article : ((Outcome.Normalized) outcome).articles()) {
                        text.append(article.toJson()).append('\n');
                    }
                }
                out.println(item.id() + " " + sha256(text.toString()));
            }
        }
    }

    private static RawItem read(Path f) throws IOException {
        byte[] body = Files.readAllBytes(f);
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                body = in.readAllBytes();
            }
            name = name.substring(0, name.length() - 3);
        }
        String type;
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            type = "text/html";
        } else if (name.endsWith(".json")) {
            type = "application/json";
        } else if (name.endsWith(".txt") || name.endsWith(".tst") || name.endsWith(".md")) {
            type = "text/plain";
        } else {
            type = "application/xml";
        }
        String feed = f.getParent().getFileName().toString();
        return RawItem.of(f.toString(), feed, type, RECEIVED, body);
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
