package io.wireingest.worker.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The sample items bundled in the jar ({@code /samples/manifest.txt}): written for the project in the shapes agencies
 * use (ANTARA-, Yonhap- and Bernama-style text and HTML), so that a first {@code run} shows articles straight away.
 */
public final class Samples {
    /** One bundled sample. */
    public record Sample(String file, String feed, String itemId, String contentType, byte[] body) {}

    private Samples() {}

    /** Every bundled sample, in manifest order. */
    public static List<Sample> load() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (InputStream in = resource("manifest.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|");
                if (parts.length != 4) {
                    throw new IOException("bad sample manifest line: " + line);
                }
                try (InputStream body = resource(parts[0].trim())) {
                    samples.add(new Sample(
                            parts[0].trim(), parts[1].trim(), parts[2].trim(), parts[3].trim(), body.readAllBytes()));
                }
            }
        }
        return samples;
    }

    /** Sends every sample as bare bytes with headers to the topic; waits for the acknowledgements. */
    public static int publish(KafkaProducer<byte[], byte[]> producer, String topic)
            throws IOException, InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        List<Sample> samples = load();
        String now = Instant.now().toString();
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (Sample s : samples) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(IngestHeaders.CONTENT_TYPE, IngestHeaders.bytes(s.contentType()));
            headers.add(IngestHeaders.FEED, IngestHeaders.bytes(s.feed()));
            headers.add(IngestHeaders.ITEM_ID, IngestHeaders.bytes(s.itemId()));
            headers.add(IngestHeaders.RECEIVED_AT, IngestHeaders.bytes(now));
            acks.add(producer.send(
                    new ProducerRecord<>(topic, null, s.itemId().getBytes(StandardCharsets.UTF_8), s.body(), headers)));
        }
        for (var ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
        return samples.size();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Samples.class.getResourceAsStream("/samples/" + name);
        if (in == null) {
            throw new IOException("bundled sample missing: " + name);
        }
        return in;
    }
}
