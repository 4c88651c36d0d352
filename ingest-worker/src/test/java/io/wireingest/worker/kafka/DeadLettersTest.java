package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.testing.ConsumedRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static ConsumerRecord<byte[], byte[]> source(byte[] value, RecordHeaders headers) {
        return ConsumedRecords.record("wire.raw", 1, 9L, 0L, "k-42", value, headers);
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsKeyBytesAndHeadersAndAddsTheErrorHeaders() {
        RecordHeaders in = new RecordHeaders();
        in.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
        byte[] body = "PARIS (AFP) - ...".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> dead = new DeadLetters("wire.rejected", 1_000_000)
                .deadLetter(source(body, in), "parse", "empty", null, "the item holds no story", "afp-fr", "afp-1");
        assertThat(dead.topic()).isEqualTo("wire.rejected");
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k-42");
        assertThat(dead.value()).isEqualTo(body);
        assertThat(header(dead, "content-type")).isEqualTo("text/plain");
        assertThat(header(dead, "ingest.error.stage")).isEqualTo("parse");
        assertThat(header(dead, "ingest.error.reason")).isEqualTo("empty");
        assertThat(header(dead, "ingest.error.class")).isEqualTo("io.wireingest.core.pipeline.RejectedException");
        assertThat(header(dead, "ingest.error.message")).isEqualTo("the item holds no story");
        assertThat(header(dead, "ingest.source.topic")).isEqualTo("wire.raw");
        assertThat(header(dead, "ingest.source.partition")).isEqualTo("1");
        assertThat(header(dead, "ingest.source.offset")).isEqualTo("9");
        assertThat(header(dead, "ingest.feed")).isEqualTo("afp-fr");
        assertThat(header(dead, "ingest.item.id")).isEqualTo("afp-1");
    }

    @Test
    void aDeadLetterThatFailsAgainDoesNotRepeatOldErrorHeaders() {
        RecordHeaders in = new RecordHeaders();
        in.add("ingest.error.stage", "decode".getBytes(StandardCharsets.UTF_8));
        in.add("ingest.error.reason", "old".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> dead = new DeadLetters("wire.rejected", 1_000_000)
                .deadLetter(source(new byte[] {1}, in), "parse", "new", "java.lang.X", "m", null, null);
        List<String> stages = new ArrayList<>();
        dead.headers().headers("ingest.error.stage").forEach(h -> stages.add(new String(h.value())));
        assertThat(stages).containsExactly("parse");
        assertThat(header(dead, "ingest.feed")).isNull();
    }

    @Test
    void dropsTheBytesWhenTheDeadLetterWouldNotFitInARecord() {
        ProducerRecord<byte[], byte[]> dead = new DeadLetters("wire.rejected", 2048)
                .deadLetter(source(new byte[4000], new RecordHeaders()), "limits", "too-large", null, "m", "f", "i");
        assertThat(dead.value()).isNull();
        assertThat(header(dead, "ingest.body.dropped")).isEqualTo("true");
        assertThat(header(dead, "ingest.source.offset")).isEqualTo("9");
    }

    @Test
    void anItemAtTheDefaultItemLimitIsDeadLetteredWithItsBodyEvenAsABase64Envelope() {
        io.wireingest.worker.config.WorkerConfig config = io.wireingest.worker.config.WorkerConfig.defaults();
        DeadLetters letters = new DeadLetters("wire.rejected", config.maxRecordBytes());
        RecordHeaders in = new RecordHeaders();
        in.add("content-type", "application/x-unknown".getBytes(StandardCharsets.UTF_8));
        byte[] bare = new byte[Math.toIntExact(config.maxItemBytes())];
        String base64 = java.util.Base64.getEncoder().encodeToString(bare);
        byte[] envelope = ("{\"id\":\"e-1\",\"feed\":\"f\",\"contentType\":\"application/x-unknown\","
                        + "\"receivedAt\":\"2026-03-12T01:02:03Z\",\"bodyBase64\":\"" + base64 + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        String longMessage = "é".repeat(5000);
        for (byte[] value : List.of(bare, envelope)) {
            ProducerRecord<byte[], byte[]> dead =
                    letters.deadLetter(source(value, in), "recognize", "unknown-format", null, longMessage, "f", "e-1");
            assertThat(dead.value()).isEqualTo(value);
            assertThat(header(dead, "ingest.body.dropped")).isNull();
        }
    }
}
