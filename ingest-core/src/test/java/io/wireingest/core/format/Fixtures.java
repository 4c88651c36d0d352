package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.Rejection;
import io.wireingest.core.testing.ArticleSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Runs the committed format fixtures ({@code src/test/resources/formats/}) through the standard pipeline. */
final class Fixtures {
    static final Instant RECEIVED = Instant.parse("2024-12-01T00:00:00Z");
    private static final IngestPipeline PIPELINE = IngestPipeline.create();

    private Fixtures() {}

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/formats/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outcome of one raw item with the given bytes; the item id deliberately says nothing about the format. */
    static Outcome process(byte[] body, String contentType, String itemId, Instant receivedAt) {
        return PIPELINE.process(RawItem.of(itemId, "wire", contentType, receivedAt, body));
    }

    /** The articles of a fixture sent without a content type; fails when it is rejected. */
    static List<Article> articles(String resource) {
        return articles(bytes(resource), null, "item-1", RECEIVED);
    }

    static List<Article> articles(byte[] body, String contentType, String itemId, Instant receivedAt) {
        Outcome outcome = process(body, contentType, itemId, receivedAt);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        List<Article> articles = ((Outcome.Normalized) outcome).articles();
        // Every article our readers produce must be valid against article.schema.json and the ninjs 3.1 schema.
        articles.forEach(ArticleSchemas::assertValid);
        return articles;
    }

    static Rejection rejection(String resource) {
        Outcome outcome = process(bytes(resource), null, "item-1", RECEIVED);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    /** A text field at a JSON pointer, or null when missing. */
    static String at(Article article, String pointer) {
        JsonNode n = article.json().at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** The value of the altId with the given role, or null. */
    static String altId(Article article, String role) {
        for (JsonNode alt : article.json().path("altIds")) {
            if (role.equals(alt.path("role").asText())) {
                return alt.path("value").asText();
            }
        }
        return null;
    }

    static List<String> signals(Article article) {
        return stringList(article.json().path("wire").path("signals"));
    }

    static List<String> stringList(JsonNode array) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
