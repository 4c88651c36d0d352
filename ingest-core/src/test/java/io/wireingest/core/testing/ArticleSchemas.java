package io.wireingest.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.wireingest.core.normalize.Article;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;

/**
 * Validates JSON against the project's schemas ({@code schemas/*.schema.json}, from the classpath) and, where the
 * shared folder exists, against IPTC's official ninjs 3.1 schema. Every article a test produces should go through
 * {@link #assertValid(Article)}.
 */
public final class ArticleSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RESOURCE_DIR = "/io/wireingest/schemas/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            // The official ninjs schema refers to GeoJSON by URL; we never emit geoJSON and never fetch remote schemas.
            b -> b.schemas(Map.of("https://geojson.org/schema/GeoJSON.json", "{\"type\":\"object\"}")));

    private static final Schema ARTICLE = load("article.schema.json");
    private static final Schema RAW_ITEM = load("raw-wire-item.schema.json");
    private static volatile Optional<Schema> officialNinjs;

    private ArticleSchemas() {}

    /** Problems of a JSON document against article.schema.json (empty when valid). */
    public static List<String> articleProblems(String json) {
        return problems(ARTICLE, json);
    }

    /** Problems of a JSON document against raw-wire-item.schema.json (empty when valid). */
    public static List<String> rawItemProblems(String json) {
        return problems(RAW_ITEM, json);
    }

    /**
     * Problems of the article, with its {@code wire} object removed, against IPTC's official ninjs 3.1 schema; empty
     * when valid or when the shared folder (which holds the official schema) is absent.
     */
    public static List<String> officialNinjsProblems(String json) {
        Optional<Schema> schema = officialNinjs();
        if (schema.isEmpty()) {
            return List.of();
        }
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            node.remove("wire");
            return problems(schema.get(), MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the official ninjs schema is available to check against. */
    public static boolean officialNinjsAvailable() {
        return officialNinjs().isPresent();
    }

    /** Asserts the article is valid against article.schema.json and (without wire) the official ninjs 3.1 schema. */
    public static void assertValid(Article article) {
        assertValidArticleJson(article.toJson());
    }

    /** {@link #assertValid(Article)} for JSON text. */
    public static void assertValidArticleJson(String json) {
        Assertions.assertThat(articleProblems(json))
                .as("article.schema.json problems of %s", json)
                .isEmpty();
        Assertions.assertThat(officialNinjsProblems(json))
                .as("official ninjs 3.1 schema problems (wire removed) of %s", json)
                .isEmpty();
    }

    private static Optional<Schema> officialNinjs() {
        Optional<Schema> s = officialNinjs;
        if (s == null) {
            synchronized (ArticleSchemas.class) {
                s = officialNinjs;
                if (s == null) {
                    Optional<Path> shared = SharedCorpus.find();
                    Path file = shared.map(p -> p.resolve("standards/ninjs-schema_3.1.json"))
                            .orElse(null);
                    if (file != null && Files.isRegularFile(file)) {
                        try (InputStream in = Files.newInputStream(file)) {
                            s = Optional.of(REGISTRY.getSchema(in, InputFormat.JSON));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    } else {
                        s = Optional.empty();
                    }
                    officialNinjs = s;
                }
            }
        }
        return s;
    }

    private static Schema load(String name) {
        try (InputStream in = ArticleSchemas.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("schema " + name + " is not on the classpath (module schemas)");
            }
            return REGISTRY.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> problems(Schema schema, String json) {
        List<Error> errors = schema.validate(
                json, InputFormat.JSON, (ctx, schemaCtx) -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
        List<String> out = new ArrayList<>();
        for (Error e : errors) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }
}
