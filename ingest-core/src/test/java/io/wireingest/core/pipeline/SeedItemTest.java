package io.wireingest.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.testing.ArticleSchemas;
import io.wireingest.core.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real item the project started from ({@code shared/corpus/seed/}): every point of its hand annotation. Skipped
 * when the shared folder is absent.
 */
class SeedItemTest {
    private static final String NAME = "antara-id-yonhap-oana-kim-china";
    private static JsonNode expected;
    private static JsonNode article;
    private static List<String> paragraphs;
    private static Article result;

    @BeforeAll
    static void normalizeSeed() throws Exception {
        Path seed = SharedCorpus.require("corpus/seed/" + NAME + ".txt");
        expected = new ObjectMapper()
                .readTree(seed.resolveSibling(NAME + ".expected.json").toFile())
                .path("expected");
        RawItem raw = RawItem.of(
                NAME + ".txt",
                "antara-id",
                "text/plain; charset=utf-8",
                Instant.parse("2024-12-02T09:30:00Z"),
                Files.readAllBytes(seed));
        Outcome outcome = IngestPipeline.create().process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        result = ((Outcome.Normalized) outcome).article();
        article = result.json();
        paragraphs = List.of(result.plainText().split("\n\n"));
    }

    @Test
    void isValidAgainstBothSchemas() {
        ArticleSchemas.assertValid(result);
    }

    @Test
    void languageIsIndonesian() {
        assertThat(article.path("language").asText())
                .isEqualTo(expected.path("language").asText());
    }

    @Test
    void datelineIsReadAndLocated() {
        JsonNode want = expected.path("dateline");
        JsonNode dateline = article.at("/wire/dateline");
        assertThat(dateline.path("text").asText()).isEqualTo(want.path("text").asText());
        assertThat(dateline.path("place").asText())
                .isEqualTo(want.path("location").asText());
        assertThat(dateline.path("countryCode").asText())
                .isEqualTo(want.path("country_code").asText());
        assertThat(dateline.path("agency").asText())
                .isEqualTo(want.path("agency").asText());
        assertThat(article.path("located").asText())
                .isEqualTo(want.path("location").asText());
    }

    @Test
    void agencyChainRunsFromYonhapThroughOanaToAntara() {
        JsonNode want = expected.path("attribution");
        List<String> chain = new ArrayList<>();
        article.at("/wire/attribution/chain")
                .forEach(n ->
                        chain.add(n.path("name").asText() + "/" + n.path("role").asText()));
        assertThat(chain)
                .containsExactly(
                        want.path("originating_agency").asText() + "/originator",
                        want.path("distributor").asText() + "/distributor",
                        want.path("publisher").asText() + "/publisher");
        assertThat(article.at("/wire/attribution/credit").asText())
                .isEqualTo(want.path("credit_line").asText());
        List<String> infoSources = new ArrayList<>();
        article.path("infoSources").forEach(n -> infoSources.add(n.path("name").asText()));
        assertThat(infoSources).containsExactly("Yonhap", "OANA", "ANTARA");
    }

    @Test
    void sourcesCitedInTheTextAreListed() {
        List<String> cited = new ArrayList<>();
        article.at("/wire/attribution/cited").forEach(n -> cited.add(n.asText()));
        List<String> want = new ArrayList<>();
        expected.at("/attribution/sources_cited_in_text").forEach(n -> want.add(n.asText()));
        assertThat(cited).containsExactlyElementsOf(want);
    }

    @Test
    void bodyHasTheStoryParagraphsOnly() {
        JsonNode body = expected.path("body");
        assertThat(paragraphs).hasSize(body.path("paragraphs").asInt());
        assertThat(paragraphs.get(0))
                .startsWith(body.path("first_paragraph_starts_with").asText());
        assertThat(paragraphs.get(paragraphs.size() - 1))
                .endsWith(body.path("last_paragraph_ends_with").asText());
        for (JsonNode banned : expected.path("body_must_not_contain")) {
            assertThat(result.plainText()).doesNotContain(banned.asText());
            assertThat(result.html()).doesNotContain(banned.asText());
        }
    }

    @Test
    void relatedLinksAreKeptAsMetadata() {
        List<String> titles = new ArrayList<>();
        article.at("/wire/related").forEach(n -> titles.add(n.path("title").asText()));
        List<String> want = new ArrayList<>();
        expected.path("related_links_kept_as_metadata_not_body").forEach(n -> want.add(n.asText()));
        assertThat(titles).containsExactlyElementsOf(want);
    }

    @Test
    void anInferredEventDateIsNeverPresentedAsCertain() {
        // The dateline carries no date; the text's "Jumat (28/7)" may be resolved, but only as an inference.
        JsonNode dateline = article.at("/wire/dateline");
        if (dateline.has("date")) {
            assertThat(dateline.path("dateInferred").asBoolean()).isTrue();
            assertThat(dateline.path("date").asText()).isIn("2023-07-28", "2023-07-29");
        }
    }
}
