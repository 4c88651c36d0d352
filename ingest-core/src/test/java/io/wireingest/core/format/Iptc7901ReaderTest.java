package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import org.junit.jupiter.api.Test;

class Iptc7901ReaderTest {
    @Test
    void readsHeaderKeywordHeadlineBylineBodyAndNotebook() {
        Article a = Fixtures.articles("iptc-7901/norway-wind.txt").get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("iptc-7901");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Norway to build two offshore wind farms");
        assertThat(at(a, "/by")).isEqualTo("By Kari Holm");
        assertThat(at(a, "/slugline")).isEqualTo("Norway-energy");
        assertThat(at(a, "/urgency")).isEqualTo("3");
        assertThat(altId(a, "sequence")).isEqualTo("exa117");
        // Trailer "140915 GMT Jun 24": the 14th, 09:15 GMT, June 2024.
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-06-14T09:15:00Z");
        // Latin-1 ø decoded; hard-wrapped lines joined into paragraphs.
        assertThat(a.html())
                .isEqualTo("<p>Oslo (exw) - Norway will build two wind farms in the North Sea by 2030, the energy"
                        + " ministry said on Friday, in a plan that Tromsø officials welcomed.</p><p>The farms will"
                        + " supply about a tenth of the country's power.</p>");
        assertThat(at(a, "/edNote"))
                .isEqualTo("# Notebook\nThe following information is not for publication\n- Reporting by: Kari Holm");
        assertThat(a.plainText()).doesNotContain("exw kh jb");
    }

    @Test
    void theIdIsDeterministicAndBuiltFromTheHeader() {
        Article a = Fixtures.articles("iptc-7901/norway-wind.txt").get(0);
        Article b = Fixtures.articles("iptc-7901/norway-wind.txt").get(0);
        assertThat(a.uri()).isEqualTo(b.uri());
        assertThat(at(a, "/wire/source/sourceId")).startsWith("exw:Norway-energy:2024-06-14:");
    }
}
