package io.wireingest.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wireingest.core.testing.ArticleSchemas;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Envelope} reads exactly what {@code schemas/raw-wire-item.schema.json} allows: for each envelope below the
 * hand-written checks and the JSON Schema validator must agree, so the worker and {@code POST /items} never accept an
 * envelope a producer's own schema validation would refuse, or the other way round.
 */
class EnvelopeSchemaTest {
    private static final String BASE =
            "\"id\":\"item-1\",\"receivedAt\":\"2024-05-01T08:00:00Z\",\"body\":\"Jakarta (ANTARA) - Teks.\"";

    static Stream<String> envelopes() {
        return Stream.of(
                // valid
                "{" + BASE + ",\"feed\":\"antara-id\",\"contentType\":\"text/plain; charset=utf-8\"}",
                "{" + BASE + ",\"feed\":\"a\",\"contentType\":\"application/vnd.iptc.g2.newsitem+xml\"}",
                "{" + BASE + ",\"feed\":\"yonhap en\",\"contentType\":\"text/html\",\"language\":\"ko\"}",
                "{" + BASE + ",\"feed\":\"x\",\"contentType\":\"text/plain\",\"language\":\"zh-Hant-TW\"}",
                "{" + BASE + ",\"feed\":\"x\",\"contentType\":\"text/plain\",\"url\":\"https://example.org/a?b=1\"}",
                "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-05-01T08:00:00.5+07:00\","
                        + "\"body\":\"x\"}",
                // invalid: the QA report's envelope, one problem at a time
                "{" + BASE + ",\"feed\":\" bad feed \",\"contentType\":\"text/plain\"}",
                "{" + BASE + ",\"feed\":\"bad feed \",\"contentType\":\"text/plain\"}",
                "{" + BASE + ",\"feed\":\"line\\nbreak\",\"contentType\":\"text/plain\"}",
                "{" + BASE + ",\"feed\":\"f\",\"contentType\":\"nonsense\"}",
                "{" + BASE + ",\"feed\":\"f\",\"contentType\":\"text/ plain\"}",
                "{" + BASE + ",\"feed\":\"f\",\"contentType\":\"text/plain\",\"language\":\"!!\"}",
                "{" + BASE + ",\"feed\":\"f\",\"contentType\":\"text/plain\",\"language\":\"english\"}",
                "{" + BASE + ",\"feed\":\"" + "f".repeat(257) + "\",\"contentType\":\"text/plain\"}",
                "{\"id\":\"" + "i".repeat(1025) + "\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2024-05-01T08:00:00Z\",\"body\":\"x\"}",
                "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-05-01T08:00Z\","
                        + "\"body\":\"x\"}",
                "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-05-01T08:00:00\","
                        + "\"body\":\"x\"}",
                "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"not-a-date\","
                        + "\"body\":\"x\"}",
                "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-05-01T08:00:00Z\"}");
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void theReaderAndTheSchemaAgree(String json) {
        boolean schemaValid = ArticleSchemas.rawItemProblems(json).isEmpty();
        Envelope.InvalidEnvelopeException refused = catchThrowableOfType(
                () -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)), Envelope.InvalidEnvelopeException.class);
        assertThat(refused == null)
                .as(
                        "Envelope accepts %s (schema problems: %s, reader problems: %s)",
                        json.length() > 200 ? json.substring(0, 200) : json,
                        ArticleSchemas.rawItemProblems(json),
                        refused == null ? "none" : refused.problems())
                .isEqualTo(schemaValid);
    }

    @Test
    void aRelativeOrMalformedUrlIsRefused() {
        for (String url : new String[] {"not a url", "/relative/path", "example.org/a"}) {
            String json = "{" + BASE + ",\"feed\":\"f\",\"contentType\":\"text/plain\",\"url\":\"" + url + "\"}";
            Envelope.InvalidEnvelopeException e = catchThrowableOfType(
                    () -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)),
                    Envelope.InvalidEnvelopeException.class);
            assertThat(e).as(url).isNotNull();
            assertThat(e.problems()).singleElement().asString().contains("'url' must be an absolute URI");
        }
    }

    @Test
    void aRefusedEnvelopeStillNamesItsIdAndFeedForTheDeadLetter() {
        String json = "{\"id\":\"x2\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"not-a-date\",\"body\":\"x\"}";
        Envelope.InvalidEnvelopeException e = catchThrowableOfType(
                () -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)), Envelope.InvalidEnvelopeException.class);
        assertThat(e.id()).isEqualTo("x2");
        assertThat(e.feed()).isEqualTo("yonhap-en");
        assertThat(e.problems())
                .singleElement()
                .asString()
                .contains("receivedAt")
                .contains("not-a-date");
        Envelope.InvalidEnvelopeException noNames = catchThrowableOfType(
                () -> Envelope.parse("{\"id\":7,\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                Envelope.InvalidEnvelopeException.class);
        assertThat(noNames.id()).isNull();
        assertThat(noNames.feed()).isNull();
    }

    @Test
    void anEnvelopeWithoutItsBodyIsStillTakenForAnEnvelope() {
        byte[] noBody = ("{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2024-05-01T08:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Envelope.looksLikeEnvelope(noBody)).isTrue();
        // ninjs names neither body nor contentType: it stays a bare item for the ninjs reader
        byte[] ninjs = "{\"uri\":\"u\",\"type\":\"text\",\"body_text\":\"x\",\"contenttype\":\"text/plain\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Envelope.looksLikeEnvelope(ninjs)).isFalse();
    }

    @Test
    void onlyTopLevelNamesMakeAnEnvelopeWhereverTheyStand() {
        // an article of ours: feed and contentType deep inside, uri and many more at the top
        String article = "{\"uri\":\"urn:wireingest:antara-id:a\",\"type\":\"text\",\"headlines\":[{\"value\":\"H\"}],"
                + "\"bodies\":[{\"role\":\"main\",\"contentType\":\"text/html\",\"value\":\"<p>x</p>\"}],"
                + "\"wire\":{\"source\":{\"feed\":\"antara-id\",\"itemId\":\"a\"}}}";
        assertThat(Envelope.looksLikeEnvelope(article.getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        // a valid envelope whose headers come first and run past the first few KiB
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            headers.append(i == 0 ? "" : ",")
                    .append("\"h")
                    .append(i)
                    .append("\":\"")
                    .append("x".repeat(100))
                    .append('"');
        }
        String far = "{\"headers\":{" + headers + "}," + BASE + ",\"feed\":\"f\",\"contentType\":\"text/plain\"}";
        assertThat(far.length()).isGreaterThan(4096);
        assertThat(Envelope.looksLikeEnvelope(far.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(ArticleSchemas.rawItemProblems(far)).isEmpty();
        // JSON content that happens to have a "body" among many fields of its own
        String content = "{\"title\":\"t\",\"body\":\"b\",\"author\":\"a\",\"section\":\"s\"}";
        assertThat(Envelope.looksLikeEnvelope(content.getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        // an envelope with one misspelt field is still an envelope (refused with the reason)
        String typo = "{" + BASE + ",\"feed\":\"f\",\"contentTyp\":\"text/plain\"}";
        assertThat(Envelope.looksLikeEnvelope(typo.getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        // broken JSON is judged by the names before the break
        assertThat(Envelope.looksLikeEnvelope("{\"id\":\"i\",\"body\":\"x\", oops".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(Envelope.looksLikeEnvelope("{not json".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void base64WithStrayCharactersIsRefusedButWrappedLinesAreFine() throws Exception {
        for (String bad : new String[] {"!!!", "SGVsbG8gd29ybGQ=!!!", "SGVsbG8*d29ybGQ="}) {
            String json = "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                    + "\"receivedAt\":\"2024-05-01T08:00:00Z\",\"bodyBase64\":\"" + bad + "\"}";
            Envelope.InvalidEnvelopeException e = catchThrowableOfType(
                    () -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)),
                    Envelope.InvalidEnvelopeException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems()).singleElement().asString().contains("bodyBase64 is not valid base64");
        }
        String wrapped = "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2024-05-01T08:00:00Z\",\"bodyBase64\":\"SGVsbG8g\\r\\nd29y bGQ=\"}";
        assertThat(new String(
                        Envelope.parse(wrapped.getBytes(StandardCharsets.UTF_8)).body(), StandardCharsets.UTF_8))
                .isEqualTo("Hello world");
    }

    @Test
    void aDuplicateFieldOrTextAfterTheObjectIsRefused() {
        String valid = "{" + BASE + ",\"feed\":\"f\",\"contentType\":\"text/plain\"}";
        for (String json :
                new String[] {valid + " trailing", valid + "{}", valid.replace("{\"id\"", "{\"id\":\"a\",\"id\"")}) {
            Envelope.InvalidEnvelopeException e = catchThrowableOfType(
                    () -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)),
                    Envelope.InvalidEnvelopeException.class);
            assertThat(e).as(json).isNotNull();
            assertThat(e.problems()).singleElement().asString().startsWith("not JSON");
        }
    }
}
