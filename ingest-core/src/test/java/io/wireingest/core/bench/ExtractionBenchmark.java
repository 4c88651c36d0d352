package io.wireingest.core.bench;

import io.wireingest.core.clean.ArticleSafelist;
import io.wireingest.core.extract.ExtractArticle;
import io.wireingest.core.extract.Extraction;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-threaded throughput on the pages of the shared extraction benchmark ({@code ../shared} or
 * {@code WIRE_SHARED_DIR}): plain {@code Jsoup.parse(html).body().text()} as the yardstick, extraction plus
 * sanitizing of the emitted blocks, and the whole {@link IngestPipeline}. One operation is one pass over all pages;
 * pages/s = ops/s × page count. Run with {@code mvn -B -pl ingest-core -am -Pjmh -DskipTests test} (see
 * docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ExtractionBenchmark {
    private List<String> pages;
    private List<byte[]> bytes;
    private ExtractArticle extract;
    private Cleaner cleaner;
    private IngestPipeline pipeline;

    @Setup
    public void load() throws IOException {
        Path dir = sharedDir().resolve("corpus/extraction-benchmark/html");
        pages = new ArrayList<>();
        bytes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    byte[] b = in.readAllBytes();
                    bytes.add(b);
                    pages.add(new String(b, StandardCharsets.UTF_8));
                }
            }
        }
        extract = new ExtractArticle();
        cleaner = new Cleaner(ArticleSafelist.create());
        pipeline = IngestPipeline.create();
        System.out.println("\n" + pages.size() + " pages from " + dir);
    }

    /** The yardstick: parse and flatten to text, nothing else. */
    @Benchmark
    public void plainJsoupParseText(Blackhole bh) {
        for (String html : pages) {
            bh.consume(Jsoup.parse(html).body().text());
        }
    }

    /** What the HTML reader and the normalizer do to a page's body: parse once, extract, sanitize what is emitted. */
    @Benchmark
    public void extractAndSanitize(Blackhole bh) {
        for (String html : pages) {
            bh.consume(extractAndSanitize(html));
        }
    }

    /** The whole pipeline: decode, recognize, read, clean, dateline, attribution, language, normalize. */
    @Benchmark
    public void wholePipeline(Blackhole bh) {
        Instant at = Instant.parse("2020-01-01T00:00:00Z");
        int i = 0;
        for (byte[] b : bytes) {
            bh.consume(pipeline.process(RawItem.of("page-" + i++, "bench", "text/html", at, b)));
        }
    }

    /**
     * Time split of {@link #interleaved}: microseconds spent in plain parse+text and in extraction+sanitizing, summed
     * over an iteration. Their quotient is the speed ratio, measured page by page side by side so that load from
     * other processes on a shared machine hits both alike.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        public long plainMicros;
        public long extractMicros;

        @Setup(Level.Iteration)
        public void reset() {
            plainMicros = 0;
            extractMicros = 0;
        }
    }

    /** Both workloads on each page in turn (alternating which goes first); see {@link Split}. */
    @Benchmark
    public void interleaved(Split split, Blackhole bh) {
        boolean plainFirst = true;
        for (String html : pages) {
            if (plainFirst) {
                long t0 = System.nanoTime();
                bh.consume(Jsoup.parse(html).body().text());
                long t1 = System.nanoTime();
                bh.consume(extractAndSanitize(html));
                long t2 = System.nanoTime();
                split.plainMicros += (t1 - t0) / 1000;
                split.extractMicros += (t2 - t1) / 1000;
            } else {
                long t0 = System.nanoTime();
                bh.consume(extractAndSanitize(html));
                long t1 = System.nanoTime();
                bh.consume(Jsoup.parse(html).body().text());
                long t2 = System.nanoTime();
                split.extractMicros += (t1 - t0) / 1000;
                split.plainMicros += (t2 - t1) / 1000;
            }
            plainFirst = !plainFirst;
        }
    }

    private Document extractAndSanitize(String html) {
        Document doc = Parser.htmlParser().setMaxDepth(256).parseInput(html, "");
        Extraction article = extract.extract(doc);
        Document dirty = Document.createShell("");
        for (Element block : article.blocks()) {
            dirty.body().appendChild(block);
        }
        return cleaner.clean(dirty);
    }

    static Path sharedDir() {
        return SharedCorpus.find()
                .orElseThrow(() ->
                        new IllegalStateException("the shared extraction benchmark is not found: set WIRE_SHARED_DIR"));
    }
}
