package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedReaderTest {
    @Test
    void anRssFeedGivesOneArticlePerItem() {
        List<Article> articles = Fixtures.articles("feeds/rss.xml");
        assertThat(articles).hasSize(2);
        Article a = articles.get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("rss");
        assertThat(a.uri()).isEqualTo(NormalizeArticle.uri("wire", "exw-2024-09-03-0012"));
        assertThat(altId(a, "guid")).isEqualTo("exw-2024-09-03-0012");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Museum returns bronze statues");
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-09-03T08:20:00Z");
        assertThat(at(a, "/by")).isEqualTo("Ruth Okafor");
        assertThat(at(a, "/language")).isEqualTo("en-us");
        assertThat(at(a, "/copyrightNotice")).isEqualTo("Copyright 2024 Example Wire");
        assertThat(at(a, "/subjects/0/name")).isEqualTo("Culture");
        assertThat(at(a, "/wire/source/url")).isEqualTo("https://wire.example/news/museum-returns-bronzes");
        // Full content wins over the description.
        assertThat(a.html())
                .isEqualTo("<p>A national museum returned four bronze statues to their home city on Tuesday.</p>"
                        + "<p>The statues had been on loan for 60 years.</p>");
    }

    @Test
    void anRssItemWithoutGuidIsIdentifiedByItsLink() {
        Article b = Fixtures.articles("feeds/rss.xml").get(1);
        assertThat(b.uri()).isEqualTo(NormalizeArticle.uri("wire", "https://wire.example/news/storm-pass"));
        assertThat(b.html()).isEqualTo("<p>Snow closed the mountain pass on Tuesday.</p>");
        assertThat(at(b, "/versionCreated")).isEqualTo("2024-09-03T11:05:00Z");
    }

    @Test
    void anAtomFeedGivesOneArticlePerEntry() {
        List<Article> articles = Fixtures.articles("feeds/atom.xml");
        assertThat(articles).hasSize(2);
        Article a = articles.get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("atom");
        assertThat(a.uri()).isEqualTo(NormalizeArticle.uri("wire", "tag:wire.example,2024:science/comet"));
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Comet visible to the naked eye this week");
        assertThat(at(a, "/firstCreated")).isEqualTo("2024-10-01T07:00:00Z");
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-10-01T07:45:00Z");
        assertThat(at(a, "/by")).isEqualTo("Lena Morgan");
        assertThat(at(a, "/language")).isEqualTo("en");
        assertThat(at(a, "/copyrightNotice")).isEqualTo("Copyright 2024 Example Wire");
        assertThat(at(a, "/subjects/0/literal")).isEqualTo("astronomy");
        assertThat(at(a, "/subjects/0/name")).isEqualTo("Astronomy");
        assertThat(a.html())
                .isEqualTo("<p>A comet will be visible without a telescope this week, astronomers said.</p>"
                        + "<p>It is best seen before dawn.</p>");
        Article b = articles.get(1);
        assertThat(at(b, "/headlines/0/value")).isEqualTo("Bees count to four, study finds");
        assertThat(b.html()).isEqualTo("<p>Bees can count to four, researchers reported on Tuesday.</p>");
    }

    @Test
    void pollingTheSameFeedTwiceGivesTheSameIds() {
        List<Article> first = Fixtures.articles("feeds/rss.xml");
        List<Article> second = Fixtures.articles(
                Fixtures.bytes("feeds/rss.xml"), "application/rss+xml", "poll-2", Fixtures.RECEIVED.plusSeconds(600));
        assertThat(second)
                .extracting(Article::uri)
                .containsExactlyElementsOf(first.stream().map(Article::uri).toList());
        assertThat(second)
                .extracting(Article::contentHash)
                .containsExactlyElementsOf(
                        first.stream().map(Article::contentHash).toList());
    }

    @Test
    void aLoneAtomEntryIsOneArticle() {
        String entry = "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:uuid:7c1e</id><title>Lone entry</title>"
                + "<updated>2024-10-02T10:00:00Z</updated><content type=\"text\">First line.\n\nSecond line.</content>"
                + "</entry>";
        List<Article> articles = Fixtures.articles(
                entry.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, "e-1", Fixtures.RECEIVED);
        assertThat(articles).hasSize(1);
        assertThat(articles.get(0).uri()).isEqualTo(NormalizeArticle.uri("wire", "urn:uuid:7c1e"));
        assertThat(articles.get(0).html()).isEqualTo("<p>First line.</p><p>Second line.</p>");
    }
}
