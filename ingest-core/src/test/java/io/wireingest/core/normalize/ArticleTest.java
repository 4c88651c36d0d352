package io.wireingest.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bytes the worker publishes: the article's JSON in strict UTF-8, whatever characters the story holds. */
class ArticleTest {
    private static final IngestPipeline PIPELINE = IngestPipeline.create();

    private static Article article(String contentType, String body) {
        Outcome outcome = PIPELINE.process(RawItem.of(
                "a-1",
                "demo",
                contentType,
                Instant.parse("2024-05-01T10:00:00Z"),
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        return ((Outcome.Normalized) outcome).article();
    }

    private static String strictUtf8(byte[] bytes) throws Exception {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    @Test
    void bytesAreTheJsonInUtf8WithQuotesAccentsHangulAndEmoji() throws Exception {
        Article article = article(
                "text/html; charset=utf-8",
                "<html><head><title>Café \"quoted\" 서울</title></head><body><article><h1>Café \"quoted\" 서울</h1>"
                        + "<p>SEOUL, Nov. 28 (Yonhap) -- \"We agreed,\" the minister said \u2014 in Seoul (서울)"
                        + " \ud83d\ude00, with a back\\slash and a tab\tinside.</p></article></body></html>");

        byte[] bytes = article.toJsonBytes();

        String json = strictUtf8(bytes);
        assertThat(json).isEqualTo(article.toJson());
        assertThat(new ObjectMapper().readTree(bytes)).isEqualTo(article.json());
        assertThat(article.plainText()).contains("\"We agreed,\"", "(서울) \ud83d\ude00", "back\\slash");
    }

    @Test
    void anUnpairedSurrogateFromAJsonFeedBecomesAQuestionMarkNotBrokenUtf8() throws Exception {
        Article article = article(
                "application/json",
                "{\"uri\":\"urn:demo:1\",\"headline\":\"Broken \\ud800 pair\",\"body_text\":"
                        + "\"JAKARTA (ANTARA) - Text with a broken \\udc00 pair in it.\"}");

        String json = strictUtf8(article.toJsonBytes());

        assertThat(json).doesNotContain("\ud800", "\udc00").contains("Broken ? pair");
    }
}
