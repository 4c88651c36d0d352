package io.wireingest.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsATextEnvelope() throws Exception {
        RawItem item = Envelope.parse(json("{\"id\":\"a-1\",\"feed\":\"antara-id\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2024-12-02T16:30:00+07:00\",\"language\":\"id\",\"headers\":{\"desk\":\"intl\"},"
                + "\"body\":\"Seoul (ANTARA) - Teks.\"}"));
        assertThat(item.id()).isEqualTo("a-1");
        assertThat(item.receivedAt()).isEqualTo(Instant.parse("2024-12-02T09:30:00Z"));
        assertThat(item.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(item.headers()).isEqualTo(Map.of("desk", "intl"));
        assertThat(new String(item.body(), StandardCharsets.UTF_8)).isEqualTo("Seoul (ANTARA) - Teks.");
    }

    @Test
    void aJsonStringBodyIsUtf8WhateverTheDeclaredCharset() throws Exception {
        RawItem item =
                Envelope.parse(json("{\"id\":\"a\",\"feed\":\"f\",\"contentType\":\"text/html; charset=iso-8859-1\","
                        + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"body\":\"caf\u00e9\"}"));
        assertThat(item.contentType()).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void readsABase64Envelope() throws Exception {
        RawItem item =
                Envelope.parse(json("{\"id\":\"b\",\"feed\":\"f\",\"contentType\":\"text/plain; charset=windows-1252\","
                        + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"bodyBase64\":\"Y2Fm6Q==\"}"));
        assertThat(item.body()).containsExactly('c', 'a', 'f', (byte) 0xE9);
        assertThat(item.contentType()).isEqualTo("text/plain; charset=windows-1252");
    }

    @Test
    void readsABase64BodyLongerThanJacksonsDefaultStringLimit() throws Exception {
        // 15,100,000 bytes as base64: 20,133,336 characters, above Jackson's default limit of 20,000,000 (QA4 D6);
        // the item limit, not the parser, decides what is too large
        byte[] body = new byte[15_100_000];
        java.util.Arrays.fill(body, (byte) 0xE9);
        String base64 = java.util.Base64.getEncoder().encodeToString(body);
        assertThat(base64.length()).isGreaterThan(20_000_000);
        RawItem item = Envelope.parse(json("{\"id\":\"big\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"bodyBase64\":\"" + base64 + "\"}"));
        assertThat(item.body()).hasSize(15_100_000);
        assertThat(item.body()[15_099_999]).isEqualTo((byte) 0xE9);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> Envelope.parse(json("{\"id\":\"\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"yesterday\",\"body\":\"x\",\"bodyBase64\":\"eA==\",\"extra\":1}")))
                .isInstanceOfSatisfying(
                        Envelope.InvalidEnvelopeException.class,
                        e -> assertThat(e.problems())
                                .hasSize(5)
                                .anySatisfy(p -> assertThat(p).contains("'id'"))
                                .anySatisfy(p -> assertThat(p).contains("'feed' is required"))
                                .anySatisfy(p -> assertThat(p).contains("receivedAt"))
                                .anySatisfy(p -> assertThat(p).contains("exactly one of"))
                                .anySatisfy(p -> assertThat(p).contains("unknown field 'extra'")));
    }

    @Test
    void nestingPastTheParsersDepthIsSaidInPlainWords() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String envelope = "{\"id\":\"deep-1\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"body\":\"x\",\"extra\":" + deep + "}";
        assertThatThrownBy(() -> Envelope.parse(json(envelope)))
                .isInstanceOfSatisfying(
                        Envelope.InvalidEnvelopeException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("JSON arrays and objects are nested more than 1000 levels deep"));
    }

    @Test
    void rejectsNonJsonAndNonObjects() {
        assertThatThrownBy(() -> Envelope.parse(json("not json"))).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Envelope.parse(json("[1,2]"))).hasMessageContaining("JSON object");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        RawItem item = new RawItem(
                "id-1",
                "feed",
                "text/plain; charset=utf-8",
                Instant.parse("2024-01-01T00:00:00Z"),
                "https://example.org/x",
                "en",
                Map.of("k", "v"),
                json("hello"),
                null);
        RawItem back = Envelope.parse(Envelope.toJsonBytes(item));
        assertThat(back.id()).isEqualTo("id-1");
        assertThat(back.url()).isEqualTo("https://example.org/x");
        assertThat(back.body()).isEqualTo(json("hello"));
        byte[] binary = {(byte) 0xFF, (byte) 0xFE, 'x'};
        RawItem b = RawItem.of("b", "f", "application/octet-stream", Instant.EPOCH, binary);
        assertThat(Envelope.toJson(b).has("bodyBase64")).isTrue();
        assertThat(Envelope.parse(Envelope.toJsonBytes(b)).body()).isEqualTo(binary);
    }

    @Test
    void sniffsEnvelopesCheaply() {
        assertThat(Envelope.looksLikeEnvelope(json("  {\"id\":\"x\",\"body\":\"y\"}")))
                .isTrue();
        assertThat(Envelope.looksLikeEnvelope(json("{\"uri\":\"x\",\"headlines\":[]}")))
                .isFalse();
        assertThat(Envelope.looksLikeEnvelope(json("<p>x</p>"))).isFalse();
    }
}
