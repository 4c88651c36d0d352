package io.wireingest.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.testing.ArticleSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribution stage through the whole pipeline, on short items written for these tests in each agency's shape. */
class AttributeSourceTest {
    private static final IngestPipeline PIPELINE = IngestPipeline.create();

    private static JsonNode normalize(String feed, String text) {
        RawItem raw = RawItem.of(
                "item-1",
                feed,
                "text/plain; charset=utf-8",
                Instant.parse("2024-12-02T09:30:00Z"),
                text.getBytes(StandardCharsets.UTF_8));
        Outcome outcome = PIPELINE.process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        Article article = ((Outcome.Normalized) outcome).article();
        ArticleSchemas.assertValid(article);
        return article.json();
    }

    private static String body(JsonNode article) {
        return article.path("bodies").get(1).path("value").asText();
    }

    private static List<String> chain(JsonNode article) {
        List<String> out = new ArrayList<>();
        article.path("wire")
                .path("attribution")
                .path("chain")
                .forEach(c ->
                        out.add(c.path("name").asText() + ":" + c.path("role").asText()));
        return out;
    }

    private static List<String> contributors(JsonNode article) {
        List<String> out = new ArrayList<>();
        article.path("wire")
                .path("contributors")
                .forEach(c ->
                        out.add(c.path("role").asText() + ":" + c.path("name").asText()));
        return out;
    }

    @Test
    void readsAnIndonesianCreditBlock() {
        JsonNode a = normalize("antara-id", """
                Bandung (ANTARA) - Pemerintah kota meresmikan jembatan baru di atas Sungai Cikapundung pada Senin.
                Wali kota mengatakan jembatan itu akan mempersingkat waktu tempuh warga.
                Pewarta: Dewi Lestari
                Editor: Budi Santoso
                COPYRIGHT © ANTARA 2024
                """);
        assertThat(chain(a)).containsExactly("ANTARA:originator");
        assertThat(contributors(a)).containsExactly("reporter:Dewi Lestari", "editor:Budi Santoso");
        assertThat(a.path("copyrightHolder").asText()).isEqualTo("ANTARA");
        assertThat(a.path("copyrightNotice").asText()).isEqualTo("COPYRIGHT © ANTARA 2024");
        assertThat(body(a)).doesNotContain("Pewarta", "Editor:", "COPYRIGHT").endsWith("waktu tempuh warga.");
    }

    @Test
    void readsCreditsRunTogetherInOneBlock() {
        JsonNode a = normalize("antara-id", """
                Bogor (ANTARA) - Hujan deras membuat sejumlah jalan tergenang pada Selasa sore.
                Pewarta: Dewi Lestari Editor: Budi Santoso COPYRIGHT © ANTARA 2024
                """);
        assertThat(contributors(a)).containsExactly("reporter:Dewi Lestari", "editor:Budi Santoso");
        assertThat(a.path("copyrightNotice").asText()).isEqualTo("COPYRIGHT © ANTARA 2024");
        assertThat(body(a)).isEqualTo("Hujan deras membuat sejumlah jalan tergenang pada Selasa sore.");
    }

    @Test
    void readsATranslatedForeignStoryAsAChain() {
        JsonNode a = normalize("antara-id", """
                Tokyo (ANTARA) - Pemerintah Jepang menaikkan anggaran pertahanan, menurut Kyodo.
                Kenaikan itu disetujui kabinet pada Jumat.
                Sumber: Kyodo-OANA
                Penerjemah: Sari Wulandari
                """);
        assertThat(chain(a)).containsExactly("Kyodo:originator", "OANA:distributor", "ANTARA:publisher");
        assertThat(a.path("wire").path("attribution").path("credit").asText()).isEqualTo("Sumber: Kyodo-OANA");
        assertThat(contributors(a)).containsExactly("translator:Sari Wulandari");
        assertThat(a.path("infoSources")).hasSize(3);
        // the text quotes its originator: that is a citation too (the publisher's own name would not be)
        assertThat(a.path("wire").path("attribution").path("cited").toString()).isEqualTo("[\"Kyodo\"]");
    }

    @Test
    void readsAReutersBylineAndCreditLine() {
        JsonNode a = normalize("reuters-world", """
                By Ana Cruz and Tom Reyes
                MANILA (Reuters) - The central bank held rates steady on Thursday, as the state news agency PNA had reported.
                The decision was widely expected, the Philippine Daily Inquirer said.
                (Reporting by Ana Cruz and Tom Reyes; Editing by Mark Field)
                """);
        assertThat(chain(a)).containsExactly("Reuters:originator");
        assertThat(contributors(a)).containsExactly("reporter:Ana Cruz", "reporter:Tom Reyes", "editor:Mark Field");
        assertThat(a.path("by").asText()).isEqualTo("By Ana Cruz and Tom Reyes");
        assertThat(body(a)).startsWith("The central bank").doesNotContain("Reporting by", "By Ana");
    }

    @Test
    void readsABylineStandingBelowTheDesksTops() {
        // QA on agency copy: Reuters tops ("(Adds ...)", bullets) kept "By ..." in the body and the dateline unread
        JsonNode a = normalize("reuters-markets", """
                (Adds analyst comment)
                * Copper hits two-week high
                * Stocks steady in Asia
                By Ana Cruz
                SINGAPORE, Jan 30 (Reuters) - Copper rose on Tuesday as the dollar weakened against major currencies.
                Traders expect demand to pick up after the holiday, analysts said.
                (Reporting by Ana Cruz; Editing by Mark Field)
                """);
        assertThat(a.path("wire").path("dateline").path("place").asText()).isEqualTo("Singapore");
        assertThat(chain(a)).containsExactly("Reuters:originator");
        assertThat(contributors(a)).containsExactly("reporter:Ana Cruz", "editor:Mark Field");
        assertThat(a.path("by").asText()).isEqualTo("By Ana Cruz");
        assertThat(body(a))
                .startsWith("(Adds analyst comment)\n\n* Copper hits two-week high")
                .contains("* Stocks steady in Asia\n\nCopper rose on Tuesday")
                .doesNotContain("By Ana", "SINGAPORE");
    }

    @Test
    void removesASignOffGluedToTheLastSentence() {
        JsonNode a = normalize("wire", """
                KUALA LUMPUR, Dec 2 -- The ministry will review the fuel subsidy next year, its minister said.
                The review will start in January. -- BERNAMA
                """);
        assertThat(chain(a)).containsExactly("Bernama:originator");
        assertThat(a.path("wire").path("attribution").path("credit").asText()).isEqualTo("-- BERNAMA");
        assertThat(body(a)).endsWith("The review will start in January.");
    }

    @Test
    void readsARelayAndAnEndMark() {
        JsonNode a = normalize("wire", """
                Beijing (ANTARA) - Harga minyak naik tipis pada perdagangan Senin.
                Pedagang menunggu data ekonomi pekan ini. (Ant/Xinhua)
                """);
        assertThat(chain(a)).containsExactly("Xinhua:originator", "ANTARA:publisher");
        assertThat(body(a)).endsWith("data ekonomi pekan ini.");

        JsonNode yonhap = normalize("yonhap-en", """
                SEOUL, Dec. 2 (Yonhap) -- Exports rose for a 14th straight month in November, data showed Monday.
                (END)
                """);
        assertThat(chain(yonhap)).containsExactly("Yonhap:originator");
        assertThat(body(yonhap)).doesNotContain("(END)");
    }

    @Test
    void takesPhotoCreditsAsPhotographersNotSources() {
        JsonNode a = normalize("reuters-world", """
                JAKARTA (Reuters) - Floods closed two toll roads in the capital on Monday.
                REUTERS/Budi Hartono
                """);
        assertThat(chain(a)).containsExactly("Reuters:originator");
        assertThat(contributors(a)).containsExactly("photographer:Budi Hartono");
        assertThat(body(a)).doesNotContain("Budi Hartono");
    }

    @Test
    void derivesACopyrightNoticeFromThePublisher() {
        JsonNode a = normalize("kyodo-en", "NAGOYA, Dec. 1 Kyodo - A new rail line opened on Sunday.");
        assertThat(a.path("copyrightHolder").asText()).isEqualTo("Kyodo");
        assertThat(a.path("copyrightNotice").asText()).isEqualTo("© 2024 Kyodo");
    }
}
