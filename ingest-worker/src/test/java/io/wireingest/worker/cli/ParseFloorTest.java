package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.kafka.IngestHeaders;
import io.wireingest.worker.testing.ConsumedRecords;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The parse floor publishes nothing for any record, and a record the pipeline would reject does not stop it. */
class ParseFloorTest {
    private final ParseFloor floor = new ParseFloor(512);

    private static ConsumerRecord<byte[], byte[]> record(String contentType, String body) {
        RecordHeaders headers = new RecordHeaders();
        if (contentType != null) {
            headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(contentType));
        }
        return ConsumedRecords.record(
                "raw", 0, 7L, 1_700_000_000_000L, "id-7", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void publishesNothingForAnHtmlPage() {
        var in = record("text/html; charset=utf-8", "<html><body><div><p>Story</p></div></body></html>");
        assertThat(floor.apply(in).records()).isEmpty();
    }

    @Test
    void takesTextAndRecordsThePipelineWouldRejectWithoutThrowing() {
        assertThat(floor.apply(record("text/plain", "JAKARTA, Nov 28 (ANTARA) - A story."))
                        .records())
                .isEmpty();
        assertThat(floor.apply(record("text/html", "")).records()).isEmpty();
        assertThat(floor.apply(record("application/json", "{\"id\": 7}")).records())
                .isEmpty();
    }
}
