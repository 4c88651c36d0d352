package io.wireingest.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.testing.ArticleSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples beside each schema: every valid one passes, every invalid one fails. */
class SchemaExamplesTest {
    static Stream<Arguments> examples() throws IOException, URISyntaxException {
        URL root = SchemaExamplesTest.class.getResource("/io/wireingest/schemas/examples");
        assertThat(root).as("schemas/examples on the classpath").isNotNull();
        java.net.URI uri = root.toURI();
        if (uri.getScheme().equals("jar")) {
            // In a reactor build the schemas module is a jar: open it as a file system.
            try {
                java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException alreadyOpen) {
                // opened by an earlier call
            }
        }
        Path dir = Path.of(uri);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Arguments> list = files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(p -> Arguments.of(dir.relativize(p).toString().replace('\\', '/'), p))
                    .toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(8);
            return list.stream();
        }
    }

    @org.junit.jupiter.api.Test
    void theOfficialNinjsCheckIsLiveWhenTheSharedFolderExists() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ArticleSchemas.officialNinjsAvailable(), "no ../shared");
        // A made-up top-level field must fail the official schema (it closes the object with unevaluatedProperties).
        String json = "{\"uri\":\"urn:wireingest:a:b\",\"dateline\":\"X\"}";
        assertThat(ArticleSchemas.officialNinjsProblems(json)).isNotEmpty();
        assertThat(ArticleSchemas.officialNinjsProblems("{\"uri\":\"urn:wireingest:a:b\",\"pubStatus\":\"dead\"}"))
                .isNotEmpty();
        assertThat(ArticleSchemas.officialNinjsProblems("{\"uri\":\"urn:wireingest:a:b\"}"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validExamplesPassAndInvalidOnesFail(String name, Path file) throws IOException {
        String json;
        try (InputStream in = Files.newInputStream(file)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Function<String, List<String>> validator =
                name.startsWith("article/") ? ArticleSchemas::articleProblems : ArticleSchemas::rawItemProblems;
        List<String> problems = validator.apply(json);
        if (name.contains("/valid/")) {
            assertThat(problems).as(name).isEmpty();
            if (name.startsWith("article/")) {
                assertThat(ArticleSchemas.officialNinjsProblems(json))
                        .as(name + " vs official ninjs")
                        .isEmpty();
            }
        } else {
            assertThat(problems).as(name + " must be rejected").isNotEmpty();
        }
    }
}
