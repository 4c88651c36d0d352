package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.metrics.WorkerMetrics;
import io.wireingest.worker.testing.ConsumedRecords;
import io.wireingest.worker.testing.ExactlyOnce;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the worker's transform hands the loop for its latency metric: a received-at for published items only. */
class NormalizeRecordTest {
    private static IngestPipeline pipeline;

    @BeforeAll
    static void pipeline() {
        pipeline = IngestPipeline.create();
    }

    private static NormalizeRecord transform(int maxRecordBytes) {
        return new NormalizeRecord(
                pipeline,
                "wire.articles",
                new DeadLetters("wire.rejected", maxRecordBytes),
                maxRecordBytes,
                new WorkerMetrics(new SimpleMeterRegistry()));
    }

    private static ConsumerRecord<byte[], byte[]> story() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "text/plain; charset=utf-8".getBytes(StandardCharsets.UTF_8));
        headers.add("feed", "antara-id".getBytes(StandardCharsets.UTF_8));
        headers.add("received-at", "2024-05-01T08:00:00Z".getBytes(StandardCharsets.UTF_8));
        return ConsumedRecords.record(
                "wire.raw",
                0,
                7L,
                System.currentTimeMillis(),
                "story-1",
                ExactlyOnce.story(1).getBytes(StandardCharsets.UTF_8),
                headers);
    }

    @Test
    void aPublishedItemCarriesItsReceivedAt() {
        RecordTransform.Output out = transform(1_000_000).apply(story());

        assertThat(out.records()).allMatch(r -> r.topic().equals("wire.articles"));
        assertThat(out.receivedAt()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
    }

    @Test
    void aRejectedItemHasNoReceivedAtSoItIsNotInTheEndToEndLatency() {
        // Read and normalized, then refused at publish: the article is over the record limit.
        RecordTransform.Output tooLarge = transform(200).apply(story());
        assertThat(tooLarge.records())
                .singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo("wire.rejected"));
        assertThat(tooLarge.receivedAt()).isNull();

        // Refused before it was even read.
        ConsumerRecord<byte[], byte[]> notAnEnvelope = ConsumedRecords.record(
                "wire.raw",
                0,
                8L,
                System.currentTimeMillis(),
                "bad-1",
                "{\"id\":\"bad-1\",\"feed\":\"f\",\"body\":\"no type, no time\"}".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());
        assertThat(transform(1_000_000).apply(notAnEnvelope).receivedAt()).isNull();
    }
}
