package io.wireingest.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CitedSourcesTest {
    private static List<String> cited(String... paragraphs) {
        return CitedSources.find(List.of(paragraphs), Set.of());
    }

    @Test
    void findsSourcesNamedAfterAnAttributingWord() {
        assertThat(cited("Kapal itu tenggelam di lepas pantai, menurut Kyodo.")).containsExactly("Kyodo");
        assertThat(cited("The dam will open next year, according to Xinhua.")).containsExactly("Xinhua");
        assertThat(cited("Hal itu disampaikan menurut Kantor Berita Pusat Korea (KCNA) pada Senin."))
                .containsExactly("KCNA");
    }

    @Test
    void findsSourcesNamedBeforeAReportingVerb() {
        assertThat(cited("People's Daily reported that the plan was approved.")).containsExactly("People's Daily");
        assertThat(cited("Rodong Sinmun menyebutkan bahwa latihan itu berhasil."))
                .containsExactly("Rodong Sinmun");
    }

    @Test
    void resolvesACountrysStateMedia() {
        assertThat(cited("Peluncuran itu berhasil, kata media pemerintah Korut pada Kamis."))
                .containsExactly("KCNA");
        assertThat(cited("Chinese state media said the ship had docked.")).containsExactly("Xinhua");
    }

    @Test
    void readsStateMediaWithoutACountryAsTheStateMediaOfTheDatelinesCountry() {
        List<String> paragraphs = List.of("Rudal itu jatuh di laut, kata media pemerintah pada Jumat.");
        assertThat(CitedSources.find(paragraphs, Set.of(), "KP")).containsExactly("KCNA");
        assertThat(CitedSources.find(paragraphs, Set.of(), "ID")).isEmpty();
        assertThat(CitedSources.find(paragraphs, Set.of(), null)).isEmpty();
    }

    @Test
    void keepsTheOrderOfFirstMentionAndNamesEachOnce() {
        assertThat(cited(
                        "According to Yonhap, the talks ended.",
                        "The Korea Herald reported a delay, and Yonhap said later that it was brief."))
                .containsExactly("Yonhap", "Korea Herald");
    }

    @Test
    void leavesOutTheStorysOwnAgenciesAndMereMentions() {
        assertThat(CitedSources.find(List.of("According to Reuters calculations, output fell."), Set.of("Reuters")))
                .isEmpty();
        assertThat(cited("Xinhua opened a new bureau in the city last year.")).isEmpty();
        assertThat(cited("Antara lain, pemerintah menyiapkan bantuan.")).isEmpty();
    }
}
