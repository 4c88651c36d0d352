package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.kafka.RecordTransform;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The parse floor copies every record unchanged, whatever the parse made of it, like the pass-through. */
class ParseFloorTest {
    private final ParseFloor floor = new ParseFloor("out", 512);

    private static ConsumerRecord<byte[], byte[]> record(String contentType, String body) {
        RecordHeaders headers = new RecordHeaders();
        if (contentType != null) {
            headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(contentType));
        }
        return new ConsumerRecord<>(
                "raw",
                0,
                7L,
                1_700_000_000_000L,
                TimestampType.CREATE_TIME,
                3,
                body.length(),
                "id-7".getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8),
                headers,
                Optional.empty());
    }

    private static void assertCopied(RecordTransform.Output output, ConsumerRecord<byte[], byte[]> in) {
        assertThat(output.records()).hasSize(1);
        ProducerRecord<byte[], byte[]> out = output.records().get(0);
        assertThat(out.topic()).isEqualTo("out");
        assertThat(out.key()).isEqualTo(in.key());
        assertThat(out.value()).isEqualTo(in.value());
        assertThat(out.headers()).isEqualTo(in.headers());
    }

    @Test
    void copiesAnHtmlPageAfterParsingIt() {
        var in = record("text/html; charset=utf-8", "<html><body><div><p>Story</p></div></body></html>");
        assertCopied(floor.apply(in), in);
    }

    @Test
    void copiesTextAndRecordsThePipelineWouldRejectWithoutThrowing() {
        var text = record("text/plain", "JAKARTA, Nov 28 (ANTARA) - A story.");
        assertCopied(floor.apply(text), text);
        var empty = record("text/html", "");
        assertCopied(floor.apply(empty), empty);
        var badEnvelope = record("application/json", "{\"id\": 7}");
        assertCopied(floor.apply(badEnvelope), badEnvelope);
    }
}
