package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static io.wireingest.core.format.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class NitfReaderTest {
    @Test
    void mapsDocdataAndBodyHeadIntoTheArticle() {
        List<Article> articles = Fixtures.articles("nitf/harbour-story.xml");
        assertThat(articles).hasSize(1);
        Article a = articles.get(0);
        assertThat(a.uri()).isEqualTo(NormalizeArticle.uri("wire", "WIRE.2024.000417"));
        assertThat(at(a, "/wire/source/format")).isEqualTo("nitf");
        assertThat(at(a, "/wire/source/sourceId")).isEqualTo("WIRE.2024.000417");
        assertThat(altId(a, "guid")).isEqualTo("WIRE.2024.000417");
        assertThat(a.version()).isEqualTo("3");
        // 08:30 at +11:00 is 21:30 UTC the day before; release at 12:00 +11:00 is later: an embargo.
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-03-11T21:30:00Z");
        assertThat(at(a, "/embargoedUntil")).isEqualTo("2024-03-12T01:00:00Z");
        assertThat(a.pubStatus()).isEqualTo("usable");
        assertThat(at(a, "/urgency")).isEqualTo("4");
        assertThat(at(a, "/language")).isEqualTo("en-GB");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Harbour ferry fares to rise & timetables to change");
        assertThat(at(a, "/headlines/1/value")).isEqualTo("Operator blames fuel costs");
        assertThat(at(a, "/by")).isEqualTo("By Mara Lindqvist");
        assertThat(at(a, "/edNote")).isEqualTo("Fares table follows the fourth paragraph.");
        assertThat(at(a, "/slugline")).isEqualTo("Ferries-Fares");
        assertThat(at(a, "/copyrightHolder")).isEqualTo("Example Wire Service");
        assertThat(at(a, "/subjects/0/literal")).isEqualTo("04015000");
        assertThat(at(a, "/subjects/0/uri")).isEqualTo("http://cv.iptc.org/newscodes/subjectcode/04015000");
        assertThat(at(a, "/subjects/0/name")).isEqualTo("transport");
    }

    @Test
    void keepsTablesAndPreformattedCopyAndDropsMedia() {
        Article a = Fixtures.articles("nitf/harbour-story.xml").get(0);
        String html = a.html();
        assertThat(html).contains("<h2>Fuel bill doubled</h2>");
        assertThat(html)
                .contains(
                        "<blockquote><p>\"We held fares for as long as we could,\" a spokeswoman said.</p></blockquote>");
        assertThat(html).contains("<td>North Quay</td>");
        assertThat(html).contains("<pre>Route      Old   New\nInner loop 3.10  3.50</pre>");
        assertThat(html)
                .doesNotContain("fares.jpg")
                .doesNotContain("body.content")
                .doesNotContain("Transport Reporter");
        assertThat(a.plainText()).contains("per cent more from next month");
        // The tagline is read (the attribution stage may turn it into contributors).
        assertThat(a.toJson()).contains("Tom Aske");
    }

    @Test
    void aCanceledDocumentIsAKillOfTheDocumentItManages() {
        Article story = Fixtures.articles("nitf/harbour-story.xml").get(0);
        Article kill = Fixtures.articles("nitf/harbour-kill.xml").get(0);
        assertThat(kill.uri()).isEqualTo(story.uri());
        assertThat(kill.pubStatus()).isEqualTo("canceled");
        assertThat(signals(kill)).containsExactly("kill");
        assertThat(altId(kill, "guid")).isEqualTo("WIRE.2024.000417-K");
        assertThat(altId(kill, "cancels")).isEqualTo("WIRE.2024.000417");
        assertThat(at(kill, "/urgency")).isEqualTo("1");
        assertThat(at(kill, "/edNote")).isEqualTo("KILL: the fares story is withdrawn. Do not use.");
    }

    @Test
    void hardWrappedParagraphsAreJoinedButMeantBreaksStay() {
        // QA on agency copy: AAP/AFP NITF wraps lines with "<br />" after a space; they are not line breaks
        String nitf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nitf><head><title>Port deal</title>"
                + "<docdata><doc-id id-string=\"EX.1\"/></docdata></head><body><body.head><hedline>"
                + "<hl1>Port deal signed</hl1></hedline></body.head><body.content>"
                + "<p>   The port authority signed a lease with the shipping line <br />for another ten years, "
                + "the <br />authority said on Monday.</p>"
                + "<p>Harbour Office<br/>1 Quay Street</p></body.content></body></nitf>";
        Article a = Fixtures.articles(
                        nitf.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, "item-1", Fixtures.RECEIVED)
                .get(0);
        assertThat(a.html())
                .contains("<p>The port authority signed a lease with the shipping line for another ten years, the"
                        + " authority said on Monday.</p>")
                .contains("Harbour Office<br>1 Quay Street");
    }
}
