package io.wireingest.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
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
 * The seed item of {@code ../shared/corpus/seed/} (ANTARA Indonesian copy of a Yonhap story exchanged through OANA):
 * dateline, agency chain, credit line and cited sources as its hand annotation says. Skips without the shared folder.
 */
class SeedAttributionTest {
    private static JsonNode article;

    @BeforeAll
    static void normalizeSeed() throws Exception {
        Path seed = SharedCorpus.require("corpus/seed/antara-id-yonhap-oana-kim-china.txt");
        RawItem raw = RawItem.of(
                "antara-seed",
                "antara-id",
                "text/plain; charset=utf-8",
                Instant.parse("2024-12-02T09:30:00Z"),
                Files.readAllBytes(seed));
        Outcome outcome = IngestPipeline.create().process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        Article a = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(a);
        article = a.json();
    }

    @Test
    void readsTheDatelineAndStripsItFromTheBody() {
        JsonNode dl = article.path("wire").path("dateline");
        assertThat(dl.path("text").asText()).isEqualTo("Seoul (ANTARA) -");
        assertThat(dl.path("place").asText()).isEqualTo("Seoul");
        assertThat(dl.path("countryCode").asText()).isEqualTo("KR");
        assertThat(dl.path("agency").asText()).isEqualTo("ANTARA");
        assertThat(article.path("located").asText()).isEqualTo("Seoul");
        List<String> paragraphs = paragraphs();
        assertThat(paragraphs).hasSize(12);
        assertThat(paragraphs.get(0))
                .startsWith("Pemimpin Korea Utara (Korut) Kim Jong-un bertemu dengan delegasi China");
        assertThat(paragraphs.get(11)).endsWith("berpidato, menurut laporan tersebut.");
    }

    @Test
    void datesTheReportFromTheTextAndSaysItIsInferred() {
        // "pada Sabtu" in the lead, placed by "Jumat (28/7)" in the next paragraph: 28 July 2023 was a Friday.
        JsonNode dl = article.path("wire").path("dateline");
        assertThat(dl.path("date").asText()).isEqualTo("2023-07-29");
        assertThat(dl.path("dateInferred").asBoolean()).isTrue();
    }

    @Test
    void buildsTheAgencyChainFromTheSourceLine() {
        JsonNode attribution = article.path("wire").path("attribution");
        assertThat(attribution.path("credit").asText()).isEqualTo("Sumber: Yonhap-OANA");
        JsonNode chain = attribution.path("chain");
        assertThat(chain).hasSize(3);
        assertThat(chain.get(0).path("name").asText()).isEqualTo("Yonhap");
        assertThat(chain.get(0).path("role").asText()).isEqualTo("originator");
        assertThat(chain.get(1).path("name").asText()).isEqualTo("OANA");
        assertThat(chain.get(1).path("role").asText()).isEqualTo("distributor");
        assertThat(chain.get(2).path("name").asText()).isEqualTo("ANTARA");
        assertThat(chain.get(2).path("role").asText()).isEqualTo("publisher");
        JsonNode sources = article.path("infoSources");
        assertThat(sources).hasSize(3);
        assertThat(sources.get(0).path("role").asText())
                .isEqualTo("http://cv.iptc.org/newscodes/contentprodpartyrole/origcont");
        assertThat(sources.get(1).path("role").asText())
                .isEqualTo("http://cv.iptc.org/newscodes/contentprodpartyrole/distributor");
        assertThat(article.path("copyrightHolder").asText()).isEqualTo("ANTARA");
        assertThat(article.path("copyrightNotice").asText()).contains("ANTARA");
    }

    @Test
    void listsTheSourcesTheTextCites() {
        JsonNode cited = article.path("wire").path("attribution").path("cited");
        List<String> names = new ArrayList<>();
        cited.forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactly("KCNA", "People's Daily");
    }

    @Test
    void leavesNoCreditOrDatelineInTheBody() {
        String text = article.path("bodies").get(1).path("value").asText();
        assertThat(text).doesNotContain("Sumber:", "(ANTARA) -", "Baca juga", "Berita Lainnya", "WIB");
    }

    private static List<String> paragraphs() {
        String text = article.path("bodies").get(1).path("value").asText();
        return List.of(text.split("\n\n"));
    }
}
