package io.wireingest.worker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.testing.ArticleSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Generated text items with distinct ids and bodies, and the check that an articles topic holds each of them exactly
 * once with the content hash the pipeline gives that input.
 */
public final class ExactlyOnce {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExactlyOnce() {}

    /** A small agency-style text story, different for every n. */
    public static String story(int n) {
        return "Port authority reports cargo figure number " + n + "\n\n"
                + "JAKARTA, March 12 (ANTARA) - The port authority said on Thursday that container traffic at berth "
                + n + " rose to " + (1000 + n) + " boxes in February, helped by new shipping routes to the east.\n\n"
                + "Officials expect volumes at the berth to keep growing through the second quarter, the authority "
                + "said, as two more cranes enter service in April (item " + n + ").\n";
    }

    /** Raw records for items {@code from} (inclusive) to {@code to} (exclusive), ids {@code prefix-n}. */
    public static List<ProducerRecord<byte[], byte[]>> records(TestTopics topics, String prefix, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (int n = from; n < to; n++) {
            out.add(topics.bare(null, prefix + "-" + n, "antara-id", "text/plain; charset=utf-8", story(n)));
        }
        return out;
    }

    /** What the pipeline makes of those items: id → content hash. */
    public static Map<String, String> expectedHashes(String prefix, int from, int to) {
        IngestPipeline pipeline = IngestPipeline.create();
        Map<String, String> hashes = new TreeMap<>();
        for (int n = from; n < to; n++) {
            String id = prefix + "-" + n;
            RawItem item = RawItem.of(
                    id,
                    "antara-id",
                    "text/plain; charset=utf-8",
                    Instant.parse("2026-03-12T01:02:03Z"),
                    story(n).getBytes(StandardCharsets.UTF_8));
            Outcome outcome = pipeline.process(item);
            assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
            Article article = ((Outcome.Normalized) outcome).article();
            hashes.put(id, article.contentHash());
        }
        return hashes;
    }

    /** Item id → how many times it appears among the article records. */
    public static Map<String, Integer> counts(List<ConsumerRecord<byte[], byte[]>> articles) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : articles) {
            counts.merge(json(r).path("wire").path("source").path("itemId").asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** Item id → content hash among the article records. */
    public static Map<String, String> hashes(List<ConsumerRecord<byte[], byte[]>> articles) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : articles) {
            JsonNode source = json(r).path("wire").path("source");
            hashes.put(
                    source.path("itemId").asText(), source.path("contentHash").asText());
        }
        return new TreeMap<>(hashes);
    }

    /** Asserts that the articles hold every expected item exactly once, with its expected content hash. */
    public static void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> articles, Map<String, String> expected) {
        for (ConsumerRecord<byte[], byte[]> r : articles) {
            ArticleSchemas.assertValidArticleJson(new String(r.value(), StandardCharsets.UTF_8));
        }
        Map<String, Integer> counts = counts(articles);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(counts.values()).allMatch(c -> c == 1, "every item exactly once");
        assertThat(hashes(articles)).isEqualTo(expected);
    }

    /** The JSON of a record's value. */
    public static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
