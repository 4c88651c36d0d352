package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wireingest.core.testing.SharedCorpus;
import io.wireingest.worker.Main;
import io.wireingest.worker.cli.EvaluateExtractionCommand.Evaluation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateExtractionCommandTest {
    private static final String PAGE = """
            <!doctype html><html lang="en"><head><title>Ferry resumes service | Harbour Times</title>
            <meta property="og:title" content="Ferry resumes service after storm">
            <meta property="article:published_time" content="2025-03-04T08:15:00+07:00"></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <article><h1>Ferry resumes service after storm</h1>
            <p>The island ferry returned to its normal timetable on Tuesday, three days after a storm closed the
            harbour and left dozens of travellers waiting on the pier.</p>
            <div class="share-bar"><a href="#">Share on X</a> <a href="#">Share on Facebook</a></div>
            <p>Operators said the first crossing left at seven in the morning with every seat taken, and extra
            sailings would run until the backlog of passengers had cleared.</p></article>
            <footer><p>Copyright 2025 Harbour Times. All rights reserved.</p></footer></body></html>
            """;

    private static final String TRUTH = """
            {"ferry": {"url": "https://example.org/ferry", "articleBody": "The island ferry returned to its normal \
            timetable on Tuesday, three days after a storm closed the harbour and left dozens of travellers waiting \
            on the pier.\\n\\nOperators said the first crossing left at seven in the morning with every seat taken, \
            and extra sailings would run until the backlog of passengers had cleared."},
             "absent": {"url": "https://example.org/absent", "articleBody": "A page that is not in the folder."}}
            """;

    @Test
    void scoresGzippedAndPlainPagesAndCountsMissingOnesAsEmpty(@TempDir Path dir) throws IOException {
        Path html = Files.createDirectories(dir.resolve("html"));
        try (var out = new GZIPOutputStream(Files.newOutputStream(html.resolve("ferry.html.gz")))) {
            out.write(PAGE.getBytes(StandardCharsets.UTF_8));
        }
        Path truth = Files.writeString(dir.resolve("truth.json"), TRUTH);

        Evaluation evaluation = EvaluateExtractionCommand.evaluate(html, truth, dir.resolve("out"));

        assertThat(evaluation.missing()).isEqualTo(1);
        assertThat(evaluation.pages()).hasSize(2);
        var ferry = evaluation.pages().stream()
                .filter(p -> p.id().equals("ferry"))
                .findFirst()
                .orElseThrow();
        assertThat(ferry.score().f1()).isEqualTo(1.0);
        assertThat(Files.readString(dir.resolve("out/ferry.txt")))
                .startsWith("The island ferry")
                .doesNotContain("Share");
        // The missing page predicts nothing: no precision to average, recall 0 → R = (1 + 0) / 2.
        assertThat(evaluation.summary().precision()).isEqualTo(1.0);
        assertThat(evaluation.summary().recall()).isEqualTo(0.5);
    }

    @Test
    void printsFiguresAndWorstPages(@TempDir Path dir) throws IOException {
        Path html = Files.createDirectories(dir.resolve("html"));
        Files.writeString(html.resolve("ferry.html"), PAGE);
        Path truth = Files.writeString(dir.resolve("truth.json"), TRUTH);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Main.commandLine()
                    .execute("evaluate-extraction", "--html", html.toString(), "--truth", truth.toString());
        } finally {
            System.setOut(saved);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(printed).contains("precision", "recall", "F1", "pages/s", "worst", "absent");
    }

    @Test
    void refusesAMissingFolder(@TempDir Path dir) {
        int code = Main.commandLine()
                .execute("evaluate-extraction", "--html", dir.resolve("nope").toString(), "--truth", "x.json");
        assertThat(code).isEqualTo(Main.EXIT_USAGE);
    }

    /** The shared benchmark (97 real pages): F1 must stay at or above 0.97. Skipped without ../shared. */
    @Test
    void reachesTheTargetF1OnTheSharedBenchmark() throws IOException {
        Path bench = SharedCorpus.require("corpus/extraction-benchmark");
        assumeTrue(Files.isDirectory(bench.resolve("html")), "no extraction benchmark pages in " + bench);

        Evaluation evaluation =
                EvaluateExtractionCommand.evaluate(bench.resolve("html"), bench.resolve("ground-truth.json"), null);

        assertThat(evaluation.missing()).isZero();
        assertThat(evaluation.summary().f1()).isGreaterThanOrEqualTo(0.97);
    }
}
