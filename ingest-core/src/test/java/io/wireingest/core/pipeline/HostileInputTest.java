package io.wireingest.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.testing.ArticleSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input: every item ends as an article or a clear rejection, within the time limit, and no active content
 * survives. The pipeline never throws.
 */
class HostileInputTest {
    private static final Instant AT = Instant.parse("2024-06-01T00:00:00Z");

    private static RawItem item(String contentType, byte[] body) {
        return RawItem.of("hostile", "test", contentType, AT, body);
    }

    private static Outcome.Rejected rejected(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return (Outcome.Rejected) outcome;
    }

    @Test
    void emptyItemIsRejectedAtDecode() {
        Rejection r = rejected(IngestPipeline.create().process(item("text/plain", new byte[0])))
                .rejection();
        assertThat(r.stage()).isEqualTo(StageName.DECODE);
        assertThat(r.reason()).isEqualTo("empty");
        assertThat(r.detail()).isNotBlank();
    }

    @Test
    void binaryGarbageIsRejectedNotCrashed() {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Outcome outcome = IngestPipeline.create().process(item("application/octet-stream", garbage));
        Rejection r = rejected(outcome).rejection();
        assertThat(r.stage()).isEqualTo(StageName.DECODE);
        assertThat(r.reason()).isIn("binary", "undecodable");
    }

    @Test
    void invalidUtf8BecomesAnArticleWithAWarning() {
        byte[] body = "Jakarta (ANTARA) - Harga beras naik \u00c3\u0028 pada Senin, kata pedagang di pasar induk."
                .getBytes(StandardCharsets.ISO_8859_1);
        body[body.length / 2] = (byte) 0xC3;
        body[body.length / 2 + 1] = (byte) 0x28;
        Outcome outcome = IngestPipeline.create().process(item("text/plain; charset=utf-8", body));
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        Article article = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(article);
        assertThat(article.json().at("/wire/warnings").toString()).contains("UTF-8");
    }

    @Test
    void twentyMegabyteItemIsRefusedByTheDefaultSizeLimit() {
        byte[] big = "Paragraph of a very long item.\n".repeat(700_000).getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(20_000_000);
        Rejection r = rejected(IngestPipeline.create().process(item("text/plain", big)))
                .rejection();
        assertThat(r.stage()).isEqualTo(StageName.LIMITS);
        assertThat(r.reason()).isEqualTo("too-large");
        assertThat(r.detail()).contains(String.valueOf(big.length));
    }

    @Test
    void twentyMegabyteItemUnderARaisedLimitEndsWithinItsTimeBudget() {
        byte[] big = "<p>Paragraph of a very long item.</p>\n".repeat(560_000).getBytes(StandardCharsets.UTF_8);
        Limits limits = Limits.DEFAULT.withMaxBytes(64L << 20).withMaxTime(Duration.ofSeconds(2));
        Outcome outcome = IngestPipeline.create(limits).process(item("text/html", big));
        // Either outcome is acceptable; what matters is that it is one of them, and typed.
        if (outcome instanceof Outcome.Rejected r) {
            assertThat(r.rejection().reason()).isEqualTo("timeout");
        } else {
            ArticleSchemas.assertValid(((Outcome.Normalized) outcome).article());
        }
    }

    @Test
    void hundredThousandNestedDivsAreFlattenedNotFatal() {
        String html =
                "<div>".repeat(100_000) + "<p>Deep story text survives the nesting.</p>" + "</div>".repeat(100_000);
        Outcome outcome = IngestPipeline.create().process(item("text/html", html.getBytes(StandardCharsets.UTF_8)));
        if (outcome instanceof Outcome.Normalized n) {
            ArticleSchemas.assertValid(n.article());
            assertThat(n.article().plainText()).contains("Deep story text survives the nesting.");
        } else {
            assertThat(((Outcome.Rejected) outcome).rejection().reason()).isIn("timeout", "too-deep");
        }
    }

    /** The QA report's page: {@code <table><tr><td><b>x} over and over, {@code size} bytes. */
    private static byte[] nestedMarkupPage(String unit, int size) {
        String body = unit.repeat(size / unit.length() + 1).substring(0, size - 40);
        return ("<html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<table><tr><td><b>x", "<ul><li><b>x", "<dl><dd><table><tr><td>x"})
    void aMegabyteOfNestedTablesOrListsEndsTypedWithTextLinearInItsSize(String unit) {
        // found by QA (D1): one 1 MB item of nested tables took the normalize stage minutes of CPU and all the heap
        // (each outer cell's text held the text of every table inside it), and killed the workers that took it.
        byte[] page = nestedMarkupPage(unit, 1_000_000);
        Limits limits = Limits.DEFAULT.withMaxTime(Duration.ofSeconds(2));
        Outcome outcome = IngestPipeline.create(limits).process(item("text/html", page));
        if (outcome instanceof Outcome.Rejected r) {
            assertThat(r.rejection().reason()).isEqualTo("timeout");
        } else {
            Article article = ((Outcome.Normalized) outcome).article();
            ArticleSchemas.assertValid(article);
            // Each x once at most (the former rendering wrote the innermost ones once per table around them).
            assertThat(article.plainText().length()).isLessThan(page.length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"span", "b", "i"})
    void tablesNestedPastTheDepthLimitKeepEveryWordInThePlainText(String inline) {
        // found by QA (N2): past the parser's depth limit the flattened text sits in a row outside any cell (or
        // directly in a tbody); the plain text left it out (and charCount and wordCount with it) while the HTML kept
        // it.
        StringBuilder body = new StringBuilder("<html><body>");
        for (int i = 0; i < 80; i++) {
            body.append("<table><tr><td><").append(inline).append(">x").append(i);
        }
        body.append("</body></html>");
        Outcome outcome = IngestPipeline.create()
                .process(item("text/html", body.toString().getBytes(StandardCharsets.UTF_8)));
        Article article = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(article);
        java.util.List<String> words =
                java.util.Arrays.asList(article.plainText().split("\\s+"));
        for (int i = 0; i < 80; i++) {
            assertThat(article.html()).contains("x" + i + "<");
            assertThat(words).as("x" + i).contains("x" + i);
        }
        // each word once: the plain text is x0 .. x79, one per line
        assertThat(words).hasSize(80);
        assertThat(article.json().at("/bodies/1/contentType").asText()).isEqualTo("text/plain");
        assertThat(article.json().at("/bodies/1/charCount").asInt())
                .isEqualTo(article.plainText().length());
        assertThat(article.json().at("/bodies/1/wordCount").asInt()).isEqualTo(80);
    }

    @Test
    void jsonNestedAHundredThousandLevelsDeepIsATooDeepRejection() {
        // found by QA (D4): a dead letter recognize/internal-error with a NullPointerException
        byte[] deep = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        Rejection r = rejected(IngestPipeline.create().process(item("application/json", deep)))
                .rejection();
        assertThat(r.stage()).isEqualTo(StageName.RECOGNIZE);
        assertThat(r.reason()).isEqualTo("too-deep");
        assertThat(r.detail()).contains("nested more than 256 levels deep");
        // ninjs nested past a lowered limit: refused when parsed, with the same reason
        byte[] ninjs = ("{\"uri\":\"u\",\"headline\":\"h\",\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41))
                .getBytes(StandardCharsets.UTF_8);
        r = rejected(IngestPipeline.create(Limits.DEFAULT.withMaxDepth(32)).process(item("application/json", ninjs)))
                .rejection();
        assertThat(r.stage()).isEqualTo(StageName.PARSE);
        assertThat(r.reason()).isEqualTo("too-deep");
        assertThat(r.detail()).contains("nested more than 32 levels deep");
    }

    @Test
    void aStageBugBecomesAnInternalErrorRejection() {
        StoryStage broken = new StoryStage() {
            @Override
            public StageName name() {
                return StageName.CLEAN;
            }

            @Override
            public void apply(io.wireingest.core.model.Story story, ItemContext context) {
                throw new IllegalStateException("boom");
            }
        };
        IngestPipeline pipeline = new IngestPipeline(
                Limits.DEFAULT, io.wireingest.core.format.RecognizeFormat.standard(), java.util.List.of(broken));
        Rejection r = rejected(pipeline.process(item("text/plain", "Some text here.".getBytes(StandardCharsets.UTF_8))))
                .rejection();
        assertThat(r.stage()).isEqualTo(StageName.CLEAN);
        assertThat(r.reason()).isEqualTo("internal-error");
        assertThat(r.detail()).contains("IllegalStateException").contains("boom");
        assertThat(r.errorClass()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void aSpentTimeBudgetIsATimeoutRejection() {
        StoryStage slow = new StoryStage() {
            @Override
            public StageName name() {
                return StageName.DATELINE;
            }

            @Override
            public void apply(io.wireingest.core.model.Story story, ItemContext context) throws RejectedException {
                // Busy for 80 ms of this thread's CPU time: the budget counts work, not waiting.
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long until = threads.getCurrentThreadCpuTime()
                        + Duration.ofMillis(80).toNanos();
                while (threads.getCurrentThreadCpuTime() < until) {
                    Thread.onSpinWait();
                }
                context.checkTime();
            }
        };
        IngestPipeline pipeline = new IngestPipeline(
                Limits.DEFAULT.withMaxTime(Duration.ofMillis(20)),
                io.wireingest.core.format.RecognizeFormat.standard(),
                java.util.List.of(slow));
        Rejection r = rejected(pipeline.process(item("text/plain", "Some text here.".getBytes(StandardCharsets.UTF_8))))
                .rejection();
        assertThat(r.stage()).isEqualTo(StageName.DATELINE);
        assertThat(r.reason()).isEqualTo("timeout");
    }

    @Test
    void limitsRefuseNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULT.withMaxBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Limits.DEFAULT.withMaxTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
