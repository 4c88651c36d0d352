package io.wireingest.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.extract.ShingleMetric;
import io.wireingest.core.extract.ShingleMetric.PageScore;
import io.wireingest.core.extract.ShingleMetric.Summary;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.worker.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate-extraction}: runs HTML pages through the pipeline and scores the {@code text/plain} body of each
 * article against a ground truth with the article-extraction benchmark's metric (token 4-gram shingles).
 */
@Command(
        name = "evaluate-extraction",
        mixinStandardHelpOptions = true,
        description = {
            "Score article extraction on a folder of HTML pages against a ground truth.",
            "The truth is a JSON object {id: {\"articleBody\": text, \"url\": url}}; page <id> is <id>.html or "
                    + "<id>.html.gz in the folder. Each page goes through the whole pipeline; its text/plain body is "
                    + "scored with token 4-gram shingles (precision, recall, F1 as in score-extraction.py).",
            "Exit codes: 0 done, 2 usage error."
        })
public final class EvaluateExtractionCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--html", required = true, paramLabel = "DIR", description = "Folder of <id>.html[.gz] pages.")
    Path htmlDir;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Ground-truth JSON.")
    Path truthFile;

    @Option(
            names = "--worst",
            paramLabel = "N",
            defaultValue = "10",
            description = "List the N pages with the lowest F1 (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write each page's extracted text to DIR/<id>.txt (for score-extraction.py).")
    Path outDir;

    /** One page's result. */
    public record PageResult(String id, String url, PageScore score, String rejection) {}

    /** The whole evaluation. */
    public record Evaluation(Summary summary, List<PageResult> pages, double pagesPerSecond, int missing) {}

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Evaluation evaluation;
        try {
            evaluation = evaluate(htmlDir, truthFile, outDir);
        } catch (IOException | IllegalArgumentException e) {
            err.println("evaluate-extraction: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Summary s = evaluation.summary();
        out.printf("pages      %d (%d missing, scored as empty)%n", s.pages(), evaluation.missing());
        out.printf("precision  %.4f%n", s.precision());
        out.printf("recall     %.4f%n", s.recall());
        out.printf("F1         %.4f%n", s.f1());
        out.printf(
                "speed      %.1f pages/s (whole pipeline, one thread, after one warm-up pass)%n",
                evaluation.pagesPerSecond());
        if (worst > 0) {
            out.printf("worst %d pages:%n", Math.min(worst, evaluation.pages().size()));
            evaluation.pages().stream()
                    .sorted(Comparator.comparingDouble(p -> p.score().f1()))
                    .limit(worst)
                    .forEach(p -> out.printf(
                            "  %-12s F1=%.3f P=%.3f R=%.3f  %s%s%n",
                            p.id().length() > 12 ? p.id().substring(0, 12) : p.id(),
                            p.score().f1(),
                            p.score().precision(),
                            p.score().recall(),
                            p.url() == null ? "" : p.url(),
                            p.rejection() == null ? "" : "  [rejected: " + p.rejection() + "]"));
        }
        return 0;
    }

    /** Runs the pages of {@code htmlDir} named in the truth file through the standard pipeline and scores them. */
    public static Evaluation evaluate(Path htmlDir, Path truthFile, Path outDir) throws IOException {
        if (!Files.isDirectory(htmlDir)) {
            throw new IllegalArgumentException("not a folder: " + htmlDir);
        }
        JsonNode truth;
        try {
            truth = MAPPER.readTree(truthFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the truth file " + truthFile + ": " + e.getMessage(), e);
        }
        if (truth == null || !truth.isObject()) {
            throw new IllegalArgumentException("the truth file is not a JSON object: " + truthFile);
        }
        Map<String, byte[]> pages = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Iterator<String> it = truth.fieldNames(); it.hasNext(); ) {
            ids.add(it.next());
        }
        ids.sort(null);
        int missing = 0;
        for (String id : ids) {
            byte[] html = read(htmlDir, id);
            if (html == null) {
                missing++;
            } else {
                pages.put(id, html);
            }
        }
        if (outDir != null) {
            Files.createDirectories(outDir);
        }
        IngestPipeline pipeline = IngestPipeline.create();
        Instant received = Instant.parse("2020-01-01T00:00:00Z");
        for (Map.Entry<String, byte[]> page : pages.entrySet()) {
            pipeline.process(item(page.getKey(), page.getValue(), received)); // warm-up: JIT, language models
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Map.Entry<String, byte[]> page : pages.entrySet()) {
            outcomes.put(page.getKey(), pipeline.process(item(page.getKey(), page.getValue(), received)));
        }
        long nanos = System.nanoTime() - start;
        List<PageResult> results = new ArrayList<>();
        for (String id : ids) {
            JsonNode entry = truth.get(id);
            String expected = entry.path("articleBody").asText("");
            String url = entry.path("url").asText(null);
            Outcome outcome = outcomes.get(id);
            String text = "";
            String rejection = null;
            if (outcome instanceof Outcome.Normalized normalized) {
                text = plainText(normalized);
            } else if (outcome instanceof Outcome.Rejected rejected) {
                rejection = rejected.rejection().stage().id() + "/"
                        + rejected.rejection().reason();
            } else {
                rejection = "missing page";
            }
            if (outDir != null) {
                Files.writeString(outDir.resolve(id + ".txt"), text, StandardCharsets.UTF_8);
            }
            results.add(new PageResult(id, url, ShingleMetric.score(expected, text), rejection));
        }
        List<PageScore> scores = results.stream().map(PageResult::score).toList();
        double perSecond = pages.isEmpty() ? 0 : pages.size() / (nanos / 1e9);
        return new Evaluation(ShingleMetric.aggregate(scores), results, perSecond, missing);
    }

    private static RawItem item(String id, byte[] html, Instant received) {
        return RawItem.of(id, "evaluate-extraction", "text/html", received, html);
    }

    /** The text/plain bodies of the item's articles, one after the other. */
    private static String plainText(Outcome.Normalized normalized) {
        StringBuilder sb = new StringBuilder();
        for (var article : normalized.articles()) {
            for (JsonNode body : article.json().path("bodies")) {
                if ("text/plain".equals(body.path("contentType").asText())) {
                    if (sb.length() > 0) {
                        sb.append("\n\n");
                    }
                    sb.append(body.path("value").asText());
                }
            }
        }
        return sb.toString();
    }

    private static byte[] read(Path dir, String id) throws IOException {
        Path plain = dir.resolve(id + ".html");
        if (Files.isRegularFile(plain)) {
            return Files.readAllBytes(plain);
        }
        Path gz = dir.resolve(id + ".html.gz");
        if (Files.isRegularFile(gz)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                return in.readAllBytes();
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            // Page files may carry the id with another HTML extension (.htm).
            Path other = files.filter(p -> p.getFileName().toString().startsWith(id + ".htm"))
                    .findFirst()
                    .orElse(null);
            return other == null ? null : Files.readAllBytes(other);
        }
    }
}
