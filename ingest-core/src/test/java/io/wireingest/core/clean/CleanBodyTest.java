package io.wireingest.core.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.RelatedLink;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.Limits;
import io.wireingest.core.pipeline.RejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class CleanBodyTest {
    private static final ItemContext CONTEXT = new ItemContext(
            RawItem.of(
                    "id",
                    "feed",
                    "text/plain",
                    Instant.parse("2024-01-01T00:00:00Z"),
                    "x".getBytes(StandardCharsets.UTF_8)),
            Limits.DEFAULT);

    private static Story story(String... paragraphs) {
        Story story = new Story(WireFormat.TEXT);
        for (String p : paragraphs) {
            story.addParagraph(p);
        }
        return story;
    }

    private static List<String> texts(Story story) {
        return story.body().children().stream().map(Element::text).toList();
    }

    private static Story clean(Story story) throws RejectedException {
        new CleanBody().apply(story, CONTEXT);
        return story;
    }

    @Test
    void relatedLinkLinesBecomeMetadataInEveryLanguage() throws RejectedException {
        Story s = clean(story(
                "Story text.",
                "Baca juga: Harga beras naik",
                "Baca Juga : Banjir di Bekasi",
                "Read also: Ferry fares to rise",
                "Artikel Berkaitan: Harga minyak turun",
                "Related: Port strike ends"));
        assertThat(texts(s)).containsExactly("Story text.");
        assertThat(s.related())
                .extracting(RelatedLink::title)
                .containsExactly(
                        "Harga beras naik",
                        "Banjir di Bekasi",
                        "Ferry fares to rise",
                        "Harga minyak turun",
                        "Port strike ends");
        assertThat(s.related().get(0).label()).isEqualTo("Baca juga");
    }

    @Test
    void aLabelAloneTakesTheNextLineAsItsTitle() throws RejectedException {
        Story s = clean(story("Story text.", "BACA JUGA:", "Presiden resmikan bendungan baru", "More story."));
        assertThat(texts(s)).containsExactly("Story text.", "More story.");
        assertThat(s.related()).extracting(RelatedLink::title).containsExactly("Presiden resmikan bendungan baru");
    }

    @Test
    void severalRelatedLinksInOneLineAreSplit() throws RejectedException {
        Story s = clean(story("Story.", "Baca juga: Satu judul berita | Dua judul berita"));
        assertThat(s.related()).extracting(RelatedLink::title).containsExactly("Satu judul berita", "Dua judul berita");
    }

    @Test
    void keepsTheUrlOfALinkedRelatedTitle() throws RejectedException {
        Story s = story("Story.");
        s.body().appendElement("p").html("Baca juga: <a href=\"https://example.org/a\">Judul A</a>");
        clean(s);
        assertThat(s.related()).containsExactly(new RelatedLink("Baca juga", "Judul A", "https://example.org/a"));
    }

    @Test
    void sentencesThatMerelyStartWithRelatedStay() throws RejectedException {
        Story s = clean(story("Related talks were held in Geneva on Monday, officials said."));
        assertThat(texts(s)).hasSize(1);
        assertThat(s.related()).isEmpty();
    }

    @Test
    void otherNewsListsAndTheirTimestampsAreDropped() throws RejectedException {
        Story s = clean(story(
                "Story text.",
                "Sumber: Yonhap-OANA",
                "Berita Lainnya",
                "BPS catat harga gabah turun",
                "02 December 2024 16:27 WIB",
                "Banjir rob 40 centimeter",
                "02 December 2024 16:18 WIB"));
        assertThat(texts(s)).containsExactly("Story text.", "Sumber: Yonhap-OANA");
    }

    @Test
    void aLongParagraphAfterAListHeaderEndsTheList() throws RejectedException {
        String longParagraph = "This paragraph is long enough to be story text and not a list entry. ".repeat(6);
        Story s = clean(story("Story.", "Most read", "Short headline", longParagraph.strip()));
        assertThat(texts(s)).containsExactly("Story.", longParagraph.strip());
    }

    @Test
    void widgetsTimestampsAndTemplateTokensGo() throws RejectedException {
        Story s = clean(story(
                "Rabu, 12 Maret 2025 09:15 WIB",
                "[ads_middle]",
                "Story text [ads_middle] continues.",
                "ADVERTISEMENT",
                "Nikmati berita tanpa iklan, klik di sini",
                "{{banner}}",
                "Last line."));
        assertThat(texts(s)).containsExactly("Story text continues.", "Last line.");
    }

    @Test
    void emptyBodyAfterCleaningIsAWarningNotAFailure() throws RejectedException {
        Story s = clean(story("Baca juga: Satu-satunya baris"));
        assertThat(s.body().children()).isEmpty();
        assertThat(s.warnings()).isNotEmpty();
    }
}
