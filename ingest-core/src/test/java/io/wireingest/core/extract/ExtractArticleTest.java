package io.wireingest.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.testing.ArticleSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Whole pages written for these tests in the shapes of real news sites (English, Indonesian, Malay): the article is
 * found among navigation, share bars, ads, promos, teasers, comments and footers; metadata goes to its own fields.
 */
class ExtractArticleTest {
    private static final IngestPipeline PIPELINE = IngestPipeline.create();

    @Test
    void measuresEachBlockOnItsWhiteSpaceCollapsedText() {
        Document doc = Parser.htmlParser()
                .parseInput(
                        "<html><body><div><p>  Hello,\n\tworld.  Next<br>line 。漢字</p>"
                                + "<p>Say \"<a href=/x>hi</a>.\"<br>Bye&nbsp;now.</p></div></body></html>",
                        "");
        List<TextBlock> blocks = ExtractArticle.analyze(doc).blocks();
        assertThat(blocks).hasSize(2);
        TextBlock first = blocks.get(0);
        assertThat(first.text()).isEqualTo("Hello, world. Next line 。漢字");
        // A br separates the text but does not end a word or a sentence; 。 ends one wherever it stands.
        assertThat(List.of(first.chars, first.linkChars, first.words, first.stops, first.unspaced))
                .containsExactly(23, 0, 4, 2, 2);
        TextBlock second = blocks.get(1);
        assertThat(second.text()).isEqualTo("Say \"hi.\" Bye now.");
        assertThat(List.of(second.chars, second.linkChars, second.words, second.stops, second.unspaced))
                .containsExactly(15, 2, 4, 1, 0);
    }

    @Test
    void joinsAnArticleSplitByAnAdAndDropsThePromoBetween() throws IOException {
        Article article = normalize("en-library-split.html");
        assertThat(paragraphs(article))
                .containsExactly(
                        "The old stone library on Mill Street opened its doors again on Monday after two years of"
                                + " repairs, and for the first time in its history it will stay open until midnight"
                                + " on weekdays.",
                        "Council staff said the night reading room was added after a survey found that shift workers"
                                + " and students wanted somewhere quiet and warm to read after the evening buses stop"
                                + " running.",
                        "A roof that leaked for a decade",
                        "The repairs replaced a roof that had leaked for more than ten years, and conservators spent"
                                + " months drying out the oak shelves and rebinding some of the rarest books in the"
                                + " collection.",
                        "We wanted the building to feel like it belongs to the whole town again, not only to the"
                                + " people who are free at lunchtime.",
                        "The head librarian, Grace Mwangi, said about four hundred people came through the doors in"
                                + " the first three hours, many of them families who had never held a library card.",
                        "Queue outside the Mill Street library at 9am, kids reading on the steps before the doors"
                                + " even opened. Lovely to see.\n— Riverside Parents (@riversideparents) May 5, 2025",
                        "The council will review the late opening hours after six months, once it has counted how"
                                + " many people use the night reading room and what it costs to heat and staff.");
        assertThat(body(article, "text/html"))
                .contains("<figure>", "<figcaption>The restored reading room on Monday.", "twitter.com");
        assertThat(body(article, "text/html") + body(article, "text/plain"))
                .doesNotContain(
                        "Advertisement",
                        "newsletter",
                        "Share on",
                        "Farmers market",
                        "homework",
                        "Copyright",
                        "By Hannah",
                        "Libraries",
                        "Skip to content",
                        "6 May 2025",
                        "Read also");
        JsonNode json = article.json();
        assertThat(json.at("/headlines/0/value").asText()).isEqualTo("Old library reopens with a night reading room");
        assertThat(json.at("/by").asText()).isEqualTo("Hannah Okafor, Tom Birch");
        assertThat(json.at("/firstCreated").asText()).isEqualTo("2025-05-06T06:30:00Z");
        assertThat(json.at("/versionCreated").asText()).isEqualTo("2025-05-06T08:05:00Z");
        assertThat(json.at("/wire/related/0/title").asText()).isEqualTo("Evening bus timetable changes from June");
        assertThat(json.at("/wire/related/0/url").asText()).isEqualTo("https://example.org/news/bus-timetable");
    }

    @Test
    void dropsBacaJugaIklanAndBeritaLainnyaFromAnIndonesianPage() throws IOException {
        Article article = normalize("id-baca-juga.html");
        assertThat(paragraphs(article))
                .containsExactly(
                        "Harga beras medium di sejumlah pasar tradisional mulai turun dalam sepekan terakhir setelah"
                                + " pasokan dari daerah sentra produksi kembali lancar menjelang panen raya.",
                        "Seorang pedagang di pasar induk mengatakan harga beras medium kini dijual sekitar Rp12.500"
                                + " per kilogram, lebih rendah dibandingkan awal bulan yang sempat menyentuh Rp13.800.",
                        "Dinas perdagangan setempat menyebut penurunan harga juga dipengaruhi operasi pasar yang"
                                + " digelar pemerintah daerah di enam kecamatan sejak akhir Februari lalu.",
                        "Pemerintah daerah berencana melanjutkan operasi pasar hingga harga beras stabil dan"
                                + " memastikan stok di gudang cukup untuk kebutuhan warga selama bulan puasa.");
        JsonNode json = article.json();
        assertThat(json.at("/headlines/0/value").asText()).isEqualTo("Harga beras di pasar tradisional mulai turun");
        assertThat(json.at("/by").asText()).isEqualTo("Dewi Lestari");
        assertThat(json.at("/firstCreated").asText()).isEqualTo("2025-03-12T02:15:00Z");
        assertThat(json.at("/wire/related/0/title").asText()).isEqualTo("Harga cabai rawit naik menjelang Ramadhan");
        assertThat(json.at("/wire/related/1/title").asText())
                .isEqualTo("Stok beras di gudang Bulog dinilai aman hingga Lebaran");
        assertThat(body(article, "text/html"))
                .doesNotContain("Iklan", "Berita Lainnya", "Nelayan", "12 Maret", "Copyright", "Beranda", "Tag:");
    }

    @Test
    void keepsShortMalayParagraphsThatTheJsonLdBodyConfirms() throws IOException {
        Article article = normalize("ms-artikel-berkaitan.html");
        assertThat(paragraphs(article))
                .containsExactly(
                        "Jambatan baharu yang menghubungkan dua kampung di tebing sungai siap dua bulan lebih awal"
                                + " daripada jadual asal, kata jurutera projek pada Rabu.",
                        "Penduduk tidak lagi perlu menaiki bot untuk ke pekan.",
                        "Jambatan sepanjang 120 meter itu dibina dengan kos RM8 juta dan mampu menampung kenderaan"
                                + " ringan.",
                        "Majlis daerah akan memasang lampu jalan di sepanjang jambatan bulan depan.");
        JsonNode json = article.json();
        assertThat(json.at("/by").asText()).isEqualTo("Aminah Yusof");
        assertThat(json.at("/firstCreated").asText()).isEqualTo("2025-04-02T02:00:00Z");
        assertThat(json.at("/wire/related/0/title").asText()).isEqualTo("Jalan kampung dinaik taraf tahun ini");
        assertThat(body(article, "text/html")).doesNotContain("Ikuti kami", "Oleh Aminah", "Feri kampung", "Utama");
    }

    @Test
    void readsHeadlineBylineAndTimesFromPageMetadata() throws IOException {
        Document doc = Parser.htmlParser().parseInput(fixture("en-library-split.html"), "https://example.org/a");
        PageMetadata meta = PageMetadata.read(doc);
        assertThat(meta.headline()).isEqualTo("Old library reopens with a night reading room");
        assertThat(meta.byline()).isEqualTo("Hannah Okafor, Tom Birch");
        assertThat(meta.authors()).containsExactly("Hannah Okafor", "Tom Birch");
        assertThat(meta.published()).isEqualTo(Instant.parse("2025-05-06T06:30:00Z"));
        assertThat(meta.modified()).isEqualTo(Instant.parse("2025-05-06T08:05:00Z"));
        assertThat(meta.language()).isEqualTo("en-GB");
        assertThat(meta.articleBody()).isNull();
    }

    @Test
    void readsTimestampsInTheShapesPagesWriteThem() {
        assertThat(PageMetadata.instant("2019-11-19T10:00:00Z")).isEqualTo(Instant.parse("2019-11-19T10:00:00Z"));
        assertThat(PageMetadata.instant("2019-11-19T10:00:00.000-0500"))
                .isEqualTo(Instant.parse("2019-11-19T15:00:00Z"));
        assertThat(PageMetadata.instant("2019-11-19 10:00:00")).isEqualTo(Instant.parse("2019-11-19T10:00:00Z"));
        assertThat(PageMetadata.instant("2019-11-19")).isEqualTo(Instant.parse("2019-11-19T00:00:00Z"));
        assertThat(PageMetadata.instant("yesterday")).isNull();
        assertThat(PageMetadata.instant("2019-13-45T99:00")).isNull();
    }

    @Test
    void brokenJsonLdIsIgnoredNotFatal() {
        Document doc = Parser.htmlParser()
                .parseInput(
                        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
                                + "</script><meta property=\"og:title\" content=\"Kept title\"></head>"
                                + "<body><p>Text.</p></body></html>",
                        "");
        assertThat(PageMetadata.read(doc).headline()).isEqualTo("Kept title");
    }

    @Test
    void findsTheArticleElementAmongTeasersAndComments() throws IOException {
        Document doc = Parser.htmlParser().parseInput(fixture("en-library-split.html"), "");
        Extraction extraction = new ExtractArticle().extract(doc);
        List<String> tags =
                extraction.blocks().stream().map(Element::normalName).toList();
        assertThat(tags).contains("figure", "h2", "blockquote").doesNotContain("h1", "ul");
        assertThat(extraction.container()).isNotNull();
        assertThat(extraction.metadata().byline()).isEqualTo("Hannah Okafor, Tom Birch");
    }

    @Test
    void aBriefOfShortSentencesIsStillFoundAmongMenus() {
        List<String> texts = extractedTexts("""
                        <!DOCTYPE html><html><head><title>Brief</title></head><body>
                        <nav><a href="/">Home</a> <a href="/a">World</a></nav>
                        <div class="menu"><a href="/x">Markets</a> <a href="/y">Weather</a></div>
                        <div class="content"><h1>Market closes early</h1>
                        <p>The central market closed two hours early on Friday.</p>
                        <p>Traders said the heat kept shoppers away all afternoon.</p></div>
                        <footer><p>Copyright 2025 Example News.</p></footer></body></html>""");
        assertThat(texts)
                .containsExactly(
                        "The central market closed two hours early on Friday.",
                        "Traders said the heat kept shoppers away all afternoon.");
    }

    @Test
    void anArticleInsideALayoutWrapperNamedSidebarIsStillTheArticle() {
        String para = "<p>%s river ferries ran late all week because the spring tide came in higher than the"
                + " harbour master had forecast, and the pier crews had to wait for the water to fall.</p>";
        List<String> texts = extractedTexts("<html><body><div class=\"sticky-sidebar-wrapper\"><article>"
                + "<h1>Ferries late</h1>" + para.formatted("The") + para.formatted("Most")
                + "<div class=\"share-buttons\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a>"
                + "</div></article></div><footer><p>About us</p></footer></body></html>");
        assertThat(texts).hasSize(2).allMatch(t -> t.contains("river ferries ran late"));
    }

    @Test
    void dropsPromotionalSignOffsButNotClosingSentences() {
        String para = "<p>%s the coastal road reopened on Sunday after crews cleared the last of the landslide, and"
                + " buses returned to their normal timetable by the evening rush.</p>";
        List<String> texts = extractedTexts(
                "<html><body><article>" + para.formatted("Officials said") + para.formatted("Drivers said")
                        + "<p>The minister said she would follow the repairs closely this winter.</p>"
                        + "<p>Follow us on Twitter and sign up for our newsletter for more road news.</p>"
                        + "</article></body></html>");
        assertThat(texts)
                .hasSize(3)
                .last()
                .isEqualTo("The minister said she would follow the repairs closely this winter.");
    }

    /** The text of each block {@link ExtractArticle} keeps from the page. */
    private static List<String> extractedTexts(String html) {
        Document doc = Parser.htmlParser().parseInput(html, "");
        return new ExtractArticle()
                .extract(doc).blocks().stream().map(Element::text).toList();
    }

    private static Article normalize(String name) throws IOException {
        RawItem raw = RawItem.of(
                name,
                "test-pages",
                "text/html; charset=utf-8",
                Instant.parse("2025-06-01T00:00:00Z"),
                fixture(name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Outcome outcome = PIPELINE.process(raw);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        Article article = ((Outcome.Normalized) outcome).articles().get(0);
        ArticleSchemas.assertValid(article);
        return article;
    }

    private static List<String> paragraphs(Article article) {
        List<String> out = new ArrayList<>();
        for (String p : body(article, "text/plain").split("\n\n")) {
            out.add(p);
        }
        return out;
    }

    private static String body(Article article, String contentType) {
        for (JsonNode body : article.json().path("bodies")) {
            if (contentType.equals(body.path("contentType").asText())) {
                return body.path("value").asText();
            }
        }
        return "";
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ExtractArticleTest.class.getResourceAsStream("/extract/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
