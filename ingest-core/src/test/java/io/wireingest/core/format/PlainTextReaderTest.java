package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.testing.ArticleSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlainTextReaderTest {
    private static Article normalize(String text) {
        RawItem raw = RawItem.of(
                "t-1",
                "yonhap-en",
                "text/plain; charset=utf-8",
                Instant.parse("2026-03-12T05:00:00Z"),
                text.getBytes(StandardCharsets.UTF_8));
        Outcome outcome = IngestPipeline.create().process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        Article article = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(article);
        return article;
    }

    @Test
    void aShortFirstLineSetApartByABlankLineIsTheHeadline() {
        Article a = normalize("Ferry services resume after storm\n\nBUSAN, March 12 (Yonhap) -- Ferry services between "
                + "Busan and Jeju resumed on Thursday after a two-day suspension, the port authority said.\n\n"
                + "About 3,000 passengers were expected to travel on the first day.\n");
        assertThat(a.json().at("/headlines/0/value").asText()).isEqualTo("Ferry services resume after storm");
        assertThat(a.json().at("/wire/dateline/place").asText()).isEqualTo("Busan");
        assertThat(a.plainText()).startsWith("Ferry services between Busan and Jeju resumed");
        assertThat(a.plainText()).doesNotContain("resume after storm");
    }

    @Test
    void aFirstLineThatIsASentenceStaysInTheBody() {
        Article a = normalize("BUSAN, March 12 (Yonhap) -- Ferry services resumed on Thursday, officials said.\n\n"
                + "About 3,000 passengers were expected to travel.\n");
        assertThat(a.json().has("headlines")).isFalse();
        assertThat(a.plainText()).startsWith("Ferry services resumed on Thursday");
    }

    @Test
    void scrapedCopyWithoutBlankLinesHasNoHeadline() {
        Article a = normalize("Seoul (ANTARA) - Pemerintah mengumumkan kebijakan baru pada Senin\n"
                + "Kebijakan itu berlaku mulai bulan depan.\n");
        assertThat(a.json().has("headlines")).isFalse();
    }

    @Test
    void headlineLinesEndWithCrLfCrOrLf() {
        assertThat(PlainTextReader.isHeadline("\r\n  Short title here\r\n \r\nBody text.", "Short title here"))
                .isTrue();
        assertThat(PlainTextReader.isHeadline("Short title here\r\rBody text.", "Short title here"))
                .isTrue();
        assertThat(PlainTextReader.isHeadline("Short title here\r\nmore\r\n\r\nBody text.", "Short title here"))
                .isFalse();
        assertThat(PlainTextReader.isHeadline("Short title here\n\t", "Short title here"))
                .isTrue();
    }

    @Test
    void headlineDetectionIsConservative() {
        assertThat(PlainTextReader.isHeadline("Short title here\n\nBody text.", "Short title here"))
                .isTrue();
        assertThat(PlainTextReader.isHeadline("A full sentence ends here.\n\nBody.", "A full sentence ends here."))
                .isFalse();
        assertThat(PlainTextReader.isHeadline("Title line\nsecond line\n\nBody.", "Title line"))
                .isFalse();
        assertThat(PlainTextReader.isHeadline("x".repeat(250) + "\n\nBody.", "x".repeat(250)))
                .isFalse();
    }
}
