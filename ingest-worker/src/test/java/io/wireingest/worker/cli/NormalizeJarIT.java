package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.testing.ArticleSchemas;
import io.wireingest.core.testing.SharedCorpus;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acceptance command, run against the packaged fat jar exactly as a user would:
 * {@code java -jar ingest-worker/target/ingest-worker.jar normalize ... seed.txt}.
 */
class NormalizeJarIT {
    @Test
    void theFatJarNormalizesTheSeedItem() throws Exception {
        Path seed = SharedCorpus.require("corpus/seed/antara-id-yonhap-oana-kim-china.txt");
        Path jar = Path.of("target", "ingest-worker.jar").toAbsolutePath();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile("normalize", ".jsonl");
        Path err = Files.createTempFile("normalize", ".err");
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-jar",
                        jar.toString(),
                        "normalize",
                        "--content-type",
                        "text/plain; charset=utf-8",
                        "--received-at",
                        "2024-12-02T09:30:00Z",
                        seed.toString()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("normalize finished").isTrue();
        assertThat(p.exitValue())
                .as("exit code; stderr: %s", Files.readString(err))
                .isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        ArticleSchemas.assertValidArticleJson(lines.get(0));
        io.wireingest.core.normalize.Article article = io.wireingest.core.normalize.Article.parse(lines.get(0));
        assertThat(article.json().path("located").asText()).isEqualTo("Seoul");
        assertThat(article.plainText()).startsWith("Pemimpin Korea Utara").doesNotContain("Baca juga", "Sumber:");
        assertThat(article.json().at("/wire/attribution/chain/0/name").asText()).isEqualTo("Yonhap");
    }
}
