package io.wireingest.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.testing.ArticleSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeArticleTest {
    private static final IngestPipeline PIPELINE = IngestPipeline.create();

    private static Article html(String body) {
        RawItem raw = RawItem.of(
                "x-1",
                "demo",
                "text/html; charset=utf-8",
                Instant.parse("2024-05-01T10:00:00Z"),
                body.getBytes(StandardCharsets.UTF_8));
        Outcome outcome = PIPELINE.process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        Article article = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(article);
        return article;
    }

    /** XSS vectors in elements, attributes and URLs: the text may survive, active content never. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "<p>Story <script>alert(1)</script>text.</p>",
                "<p onmouseover=\"alert(1)\">Story text.</p>",
                "<p>Story <a href=\"javascript:alert(1)\">text</a>.</p>",
                "<p>Story <a href=\"JaVaScRiPt:alert(1)\">text</a>.</p>",
                "<p>Story <a href=\"java&#x09;script:alert(1)\">text</a>.</p>",
                "<p>Story <a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">text</a>.</p>",
                "<p>Story <img src=\"data:image/svg+xml,<svg onload=alert(1)>\">text.</p>",
                "<p>Story <img src=x onerror=alert(1)>text.</p>",
                "<p>Story <iframe src=\"https://evil.example\"></iframe>text.</p>",
                "<p>Story <object data=\"x.swf\"></object><embed src=\"x.swf\">text.</p>",
                "<p style=\"background:url(javascript:alert(1))\">Story text.</p>",
                "<p>Story <svg><script>alert(1)</script></svg>text.</p>",
                "<p>Story <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>text.</p>",
                "<p>Story <form action=\"https://evil.example\"><input name=x></form>text.</p>",
                "<p>Story <base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">text.</p>",
                "<p>Story <a href=\"vbscript:msgbox(1)\">text</a>.</p>",
                "<p>Story <style>p{x:expression(alert(1))}</style>text.</p>"
            })
    void activeContentNeverSurvives(String body) {
        String out = html(body).html().toLowerCase(java.util.Locale.ROOT);
        assertThat(out)
                .doesNotContain(
                        "<script",
                        "<iframe",
                        "<object",
                        "<embed",
                        "<svg",
                        "<style",
                        "<form",
                        "<input",
                        "<base",
                        "<meta",
                        "<math",
                        "onerror",
                        "onload",
                        "onmouseover",
                        "javascript:",
                        "vbscript:",
                        "data:",
                        "style=",
                        "expression(");
        assertThat(out).contains("story");
    }

    @Test
    void linksGetNofollowNoopenerAndKeepHttpTargets() {
        String out = html("<p>See <a href=\"https://example.org/x\" target=\"_blank\">the report</a> today.</p>")
                .html();
        assertThat(out).contains("href=\"https://example.org/x\"").contains("rel=\"nofollow noopener\"");
        assertThat(out).doesNotContain("target=");
    }

    @Test
    void bodiesComeInHtmlAndPlainTextWithCounts() {
        Article a = html("<p>One two three.</p><ul><li>Four</li><li>five</li></ul><pre>six\n  seven</pre>");
        assertThat(a.plainText()).isEqualTo("One two three.\n\nFour\nfive\n\nsix\n  seven");
        assertThat(a.json().at("/bodies/1/wordCount").asInt()).isEqualTo(7);
        assertThat(a.json().at("/bodies/1/charCount").asInt())
                .isEqualTo(a.plainText().length());
        assertThat(a.json().at("/bodies/0/contentType").asText()).isEqualTo("text/html");
        assertThat(a.json().at("/bodies/1/contentType").asText()).isEqualTo("text/plain");
    }

    @Test
    void uriIsStableAndEncodesAwkwardIds() {
        assertThat(NormalizeArticle.uri("antara id", "a/b:c?d")).isEqualTo("urn:wireingest:antara%20id:a%2Fb%3Ac%3Fd");
        Article first = html("<p>Same story.</p>");
        Article again = html("<p>Same story.</p>");
        assertThat(first.uri()).isEqualTo(again.uri()).isEqualTo("urn:wireingest:demo:x-1");
        assertThat(first.contentHash()).isEqualTo(again.contentHash()).startsWith("sha256:");
        assertThat(html("<p>Changed story.</p>").contentHash()).isNotEqualTo(first.contentHash());
    }

    @Test
    void wordCountCountsWordsNotPunctuation() {
        assertThat(PlainText.wordCount("Kim Jong-un's \"visit\" — 2,000 people; don't"))
                .isEqualTo(6);
        assertThat(PlainText.wordCount("")).isZero();
    }
}
