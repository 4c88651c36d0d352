package io.wireingest.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgencyDirectoryTest {
    private final AgencyDirectory directory = AgencyDirectory.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Antara                     | ANTARA
            ANTARA News                | ANTARA
            antaranews.com             | ANTARA
            Korean Central News Agency | KCNA
            Kantor Berita Pusat Korea  | KCNA
            Yonhap News Agency         | Yonhap
            XINHUA                     | Xinhua
            Agence France-Presse       | AFP
            The Associated Press       | AP
            BERNAMA                    | Bernama
            Press Trust of India       | PTI
            ITAR-TASS                  | TASS
            DPA                        | dpa
            Organization of Asia-Pacific News Agencies | OANA
            NNN-BERNAMA                | NNN-BERNAMA
            KOMPAS.com                 | Kompas.com
            Renmin Ribao               | People's Daily
            """)
    void mapsAliasesToCanonicalNames(String alias, String canonical) {
        assertThat(directory.canonical(alias)).contains(canonical);
    }

    @Test
    void knowsWhatKindOfPartyANameIs() {
        assertThat(directory.is("OANA", AgencyDirectory.Kind.EXCHANGE)).isTrue();
        assertThat(directory.is("Yonhap", AgencyDirectory.Kind.AGENCY)).isTrue();
        assertThat(directory.is("People's Daily", AgencyDirectory.Kind.MEDIA)).isTrue();
    }

    @Test
    void readsTheLeadingWordsOfARegionalDesk() {
        assertThat(directory.findPrefix("ANTARA News Jatim").map(AgencyDirectory.Entry::name))
                .contains("ANTARA");
        assertThat(directory.findPrefix("Reuters Breakingviews").map(AgencyDirectory.Entry::name))
                .contains("Reuters");
    }

    @Test
    void readsAgenciesFromFeedNames() {
        assertThat(directory.forFeed("antara-id").map(AgencyDirectory.Entry::name))
                .contains("ANTARA");
        assertThat(directory.forFeed("rss-yonhap-en").map(AgencyDirectory.Entry::name))
                .contains("Yonhap");
        assertThat(directory.forFeed("local-scraper")).isEmpty();
    }

    @Test
    void namesTheStateAgencyOfACountry() {
        assertThat(directory.stateAgency("KP")).contains("KCNA");
        assertThat(directory.stateAgency("CN")).contains("Xinhua");
        assertThat(directory.stateAgency("ID")).isEmpty();
    }

    @Test
    void knowsNothingOfUnknownNames() {
        assertThat(directory.canonical("Daily Planet")).isEmpty();
        assertThat(directory.canonical("")).isEmpty();
    }
}
