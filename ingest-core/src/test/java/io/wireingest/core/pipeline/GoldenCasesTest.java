package io.wireingest.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.model.Envelope;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.testing.ArticleSchemas;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven golden cases: every {@code golden/NAME.envelope.json} goes through the whole pipeline and is checked
 * against the hand-written {@code NAME.expected.json} (see {@code golden/README.md} for its keys).
 */
class GoldenCasesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final IngestPipeline PIPELINE = IngestPipeline.create();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenCasesTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".envelope.json"))
                    .map(n -> n.substring(0, n.length() - ".envelope.json".length()))
                    .sorted()
                    .toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(5);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void normalizesAsExpected(String name) throws Exception {
        Path dir = Path.of(GoldenCasesTest.class.getResource("/golden").toURI());
        RawItem raw = Envelope.parse(Files.readAllBytes(dir.resolve(name + ".envelope.json")));
        JsonNode expected = MAPPER.readTree(dir.resolve(name + ".expected.json").toFile());

        Outcome outcome = PIPELINE.process(raw);
        assertThat(outcome).as("outcome of %s", name).isInstanceOf(Outcome.Normalized.class);
        Article article = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(article);
        JsonNode json = article.json();

        List<String> failures = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = expected.path("fields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode actual = json.at(field.getKey());
            JsonNode want = field.getValue();
            boolean ok = want.isNull() ? actual.isMissingNode() : want.equals(actual);
            if (!ok) {
                failures.add(field.getKey() + ": expected " + want + " but was " + actual);
            }
        }
        List<String> paragraphs = List.of(article.plainText().split("\n\n"));
        if (expected.has("paragraphs")
                && paragraphs.size() != expected.get("paragraphs").asInt()) {
            failures.add("paragraphs: expected " + expected.get("paragraphs") + " but was " + paragraphs.size() + ": "
                    + paragraphs);
        }
        if (expected.has("firstParagraphStartsWith")
                && !paragraphs
                        .get(0)
                        .startsWith(expected.get("firstParagraphStartsWith").asText())) {
            failures.add("first paragraph: " + paragraphs.get(0));
        }
        if (expected.has("lastParagraphEndsWith")
                && !paragraphs
                        .get(paragraphs.size() - 1)
                        .endsWith(expected.get("lastParagraphEndsWith").asText())) {
            failures.add("last paragraph: " + paragraphs.get(paragraphs.size() - 1));
        }
        for (JsonNode banned : expected.path("bodyMustNotContain")) {
            if (article.plainText().contains(banned.asText()) || article.html().contains(banned.asText())) {
                failures.add("body contains " + banned);
            }
        }
        compareList(
                failures,
                "related",
                expected.path("related"),
                json.at("/wire/related"),
                n -> n.path("title").asText());
        compareList(
                failures,
                "chain",
                expected.path("chain"),
                json.at("/wire/attribution/chain"),
                n -> n.path("name").asText() + "/" + n.path("role").asText());
        compareList(failures, "cited", expected.path("cited"), json.at("/wire/attribution/cited"), JsonNode::asText);
        if (expected.has("contributors")) {
            List<String> actual = new ArrayList<>();
            json.at("/wire/contributors")
                    .forEach(n -> actual.add(
                            n.path("role").asText() + ":" + n.path("name").asText()));
            for (JsonNode want : expected.get("contributors")) {
                if (!actual.contains(want.asText())) {
                    failures.add("contributors: missing " + want + " in " + actual);
                }
            }
        }
        assertThat(failures).as("%s: article %s", name, json.toPrettyString()).isEmpty();
    }

    private static void compareList(
            List<String> failures,
            String what,
            JsonNode expected,
            JsonNode actual,
            java.util.function.Function<JsonNode, String> label) {
        if (expected.isMissingNode()) {
            return;
        }
        List<String> want = new ArrayList<>();
        expected.forEach(n -> want.add(n.asText()));
        List<String> got = new ArrayList<>();
        actual.forEach(n -> got.add(label.apply(n)));
        if (!want.equals(got)) {
            failures.add(what + ": expected " + want + " but was " + got);
        }
    }
}
