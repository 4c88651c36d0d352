package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static io.wireingest.core.format.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsMl1ReaderTest {
    @Test
    void mapsNewsIdentifierManagementAndNewsLines() {
        List<Article> articles = Fixtures.articles("newsml-1/newsml.xml");
        assertThat(articles).hasSize(1);
        Article a = articles.get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("newsml-1.2");
        // The revision is the version, not part of the story id.
        assertThat(a.uri()).isEqualTo(NormalizeArticle.uri("wire", "urn:newsml:wire.example:20240611:TX-ECO-5531"));
        assertThat(altId(a, "guid")).isEqualTo("urn:newsml:wire.example:20240611:TX-ECO-5531:2");
        assertThat(a.version()).isEqualTo("2");
        assertThat(at(a, "/firstCreated")).isEqualTo("2024-06-11T13:00:00Z");
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-06-11T14:10:00Z");
        assertThat(a.pubStatus()).isEqualTo("usable");
        assertThat(at(a, "/urgency")).isEqualTo("2");
        assertThat(signals(a)).containsExactly("update");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Central bank holds rates at 3.5 per cent");
        // Declared ISO-8859-1: the accented name survives decoding.
        assertThat(at(a, "/by")).isEqualTo("By Hélène Marchetti");
        assertThat(at(a, "/copyrightNotice")).isEqualTo("(c) 2024 Example Wire");
        assertThat(at(a, "/language")).isEqualTo("en");
        assertThat(a.html())
                .endsWith("The central bank kept its main rate at 3.5 per cent on Tuesday, as most economists had"
                        + " expected.</p><p>The bank said inflation was falling faster than it had forecast in"
                        + " March.</p>");
    }
}
