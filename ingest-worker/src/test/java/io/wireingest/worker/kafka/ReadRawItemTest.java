package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.SourcePosition;
import io.wireingest.worker.testing.ConsumedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReadRawItemTest {
    private static ConsumerRecord<byte[], byte[]> record(String key, String value, RecordHeaders headers) {
        return ConsumedRecords.record(
                "wire.raw",
                2,
                41L,
                1773277200000L, // 2026-03-12T01:00:00Z
                key,
                value.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    @Test
    void readsBareBytesDescribedByHeaders() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "text/html; charset=utf-8".getBytes(StandardCharsets.UTF_8));
        headers.add("feed", "bernama-en".getBytes(StandardCharsets.UTF_8));
        headers.add("item-id", "bn-77".getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", "2026-03-12T09:20:00+08:00".getBytes(StandardCharsets.UTF_8));
        headers.add("x-origin", "scraper-3".getBytes(StandardCharsets.UTF_8));
        RawItem item = ReadRawItem.read(record("key-ignored", "<p>KOTA BHARU ...</p>", headers));
        assertThat(item.id()).isEqualTo("bn-77");
        assertThat(item.feed()).isEqualTo("bernama-en");
        assertThat(item.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(item.receivedAt()).isEqualTo(Instant.parse("2026-03-12T01:20:00Z"));
        assertThat(item.headers()).containsExactlyEntriesOf(java.util.Map.of("x-origin", "scraper-3"));
        assertThat(item.position()).isEqualTo(new SourcePosition("wire.raw", 2, 41L));
    }

    @Test
    void defaultsMissingHeadersFromTheRecord() throws Exception {
        RawItem item = ReadRawItem.read(record("yna-123", "SEOUL, March 12 (Yonhap) -- ...", new RecordHeaders()));
        assertThat(item.id()).isEqualTo("yna-123");
        assertThat(item.feed()).isEqualTo("wire.raw");
        assertThat(item.contentType()).isNull();
        assertThat(item.receivedAt()).isEqualTo(Instant.parse("2026-03-12T01:00:00Z"));
        RawItem keyless = ReadRawItem.read(record(null, "text", new RecordHeaders()));
        assertThat(keyless.id()).isEqualTo("wire.raw-2-41");
    }

    @Test
    void readsAnEnvelope() throws Exception {
        String json = "{\"id\":\"a-1\",\"feed\":\"antara-id\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"language\":\"id\",\"body\":\"Jakarta (ANTARA) - Teks.\"}";
        RawItem item = ReadRawItem.read(record("a-1", json, new RecordHeaders()));
        assertThat(item.id()).isEqualTo("a-1");
        assertThat(item.feed()).isEqualTo("antara-id");
        assertThat(item.language()).isEqualTo("id");
        assertThat(new String(item.body(), StandardCharsets.UTF_8)).isEqualTo("Jakarta (ANTARA) - Teks.");
        assertThat(item.position()).isEqualTo(new SourcePosition("wire.raw", 2, 41L));
    }

    @Test
    void readsAnEnvelopeWhoseBase64BodyIsLongerThanJacksonsDefaultStringLimit() throws Exception {
        // QA4 D6: 15,100,000 bytes as bodyBase64 is 20,133,336 characters; it was an invalid-envelope dead letter
        // ("not JSON: String value length ... exceeds the maximum allowed (20000000 ...)") whatever the item limit
        byte[] body = new byte[15_100_000];
        java.util.Arrays.fill(body, (byte) 'a');
        String json = "{\"id\":\"big-1\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"bodyBase64\":\""
                + java.util.Base64.getEncoder().encodeToString(body) + "\"}";
        RawItem item = ReadRawItem.read(record("big-1", json, new RecordHeaders()));
        assertThat(item.id()).isEqualTo("big-1");
        assertThat(item.body()).hasSize(15_100_000);
    }

    @Test
    void jsonDeclaredAsSomethingElseIsNotTakenForAnEnvelope() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/ld+json".getBytes(StandardCharsets.UTF_8));
        String json = "{\"body\":\"x\"}";
        RawItem item = ReadRawItem.read(record("k", json, headers));
        assertThat(new String(item.body(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void anEnvelopeBreakingTheSchemaIsUnreadableWithEveryProblem() {
        assertThatThrownBy(() -> ReadRawItem.read(record("k", "{\"id\":\"x\",\"body\":\"y\"}", new RecordHeaders())))
                .isInstanceOfSatisfying(ReadRawItem.UnreadableRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid-envelope");
                    assertThat(e.getMessage())
                            .contains("'feed' is required")
                            .contains("'contentType' is required")
                            .contains("'receivedAt' is required");
                });
    }

    @Test
    void aRefusedEnvelopeNamesTheIdAndFeedItGaveElseTheHeaders() {
        String json = "{\"id\":\"x2\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"not-a-date\",\"body\":\"x\"}";
        assertThatThrownBy(() -> ReadRawItem.read(record("k", json, new RecordHeaders())))
                .isInstanceOfSatisfying(ReadRawItem.UnreadableRecordException.class, e -> {
                    assertThat(e.itemId()).isEqualTo("x2");
                    assertThat(e.feed()).isEqualTo("yonhap-en");
                });
        RecordHeaders headers = new RecordHeaders();
        headers.add("feed", "from-header".getBytes(StandardCharsets.UTF_8));
        headers.add("item-id", "h-1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ReadRawItem.read(record("k", "{\"id\":7,\"body\":\"x\"}", headers)))
                .isInstanceOfSatisfying(ReadRawItem.UnreadableRecordException.class, e -> {
                    assertThat(e.itemId()).isEqualTo("h-1");
                    assertThat(e.feed()).isEqualTo("from-header");
                });
    }

    @Test
    void anEnvelopeThatForgotItsBodyIsRefusedNotReadAsText() {
        String json = "{\"id\":\"i\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2024-05-01T08:00:00Z\"}";
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ReadRawItem.read(record("k", json, headers)))
                .isInstanceOfSatisfying(
                        ReadRawItem.UnreadableRecordException.class,
                        e -> assertThat(e.getMessage()).contains("exactly one of 'body' and 'bodyBase64' is required"));
    }
}
