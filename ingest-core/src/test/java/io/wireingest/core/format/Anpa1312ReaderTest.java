package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static io.wireingest.core.format.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import java.nio.charset.Charset;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Anpa1312ReaderTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void readsTheTeletypeFramingIntoArticleFields() {
        Article a = Fixtures.articles("anpa-1312/lake-cafe.tst").get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("anpa-1312");
        // Undeclared 8-bit copy is windows-1252: 0xE9 is é.
        assertThat(at(a, "/wire/source/charset")).isEqualTo("windows-1252");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Lakeside café reopens after the flood");
        assertThat(at(a, "/by")).isEqualTo("By ANNA KOWALCZYK");
        assertThat(at(a, "/edNote")).isEqualTo("Eds: Moves on general news services.");
        assertThat(at(a, "/slugline")).isEqualTo("BC-EU--Lake Cafe");
        assertThat(at(a, "/urgency")).isEqualTo("3"); // priority u = urgent
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-06-04T14:12:00Z");
        assertThat(at(a, "/firstCreated")).isEqualTo("2024-06-04T14:12:00Z");
        assertThat(a.version()).isEqualTo("1");
        assertThat(altId(a, "sequence")).isEqualTo("W1234");
        assertThat(a.uri()).isEqualTo(NormalizeArticle.uri("wire", "BC-EU--Lake Cafe/2024-06-04"));
        // The dateline lead (LUCERNE, Switzerland (AP) _) is the dateline stage's; the reader keeps it in the body.
        assertThat(a.html())
                .endsWith("A lakeside café that was under a metre of water in May reopened on Tuesday, its owner"
                        + " said.</p><p>``We scrubbed every chair,'' said owner Beat Amrein.</p><p>The town council"
                        + " paid for new flooring.</p>");
    }

    @Test
    void noControlCharacterOfTheFramingReachesTheArticle() {
        for (String fixture : new String[] {"anpa-1312/lake-cafe.tst", "anpa-1312/lake-cafe-writethru.tst"}) {
            Article a = Fixtures.articles(fixture).get(0);
            String json = a.toJson();
            assertThat(json).doesNotContainPattern("\\\\u00(?:0[0-8bcef]|1[0-9a-fA-F])");
            assertThat(a.plainText()).doesNotContain("^").doesNotContain("AP-WF");
        }
    }

    @Test
    void aWriteThroughSharesTheUriAndCarriesVersionAndSignal() {
        Article first = Fixtures.articles("anpa-1312/lake-cafe.tst").get(0);
        Article writethru =
                Fixtures.articles("anpa-1312/lake-cafe-writethru.tst").get(0);
        assertThat(writethru.uri()).isEqualTo(first.uri());
        assertThat(at(writethru, "/wire/takeKey")).isEqualTo("1stLd-Writethru");
        assertThat(writethru.version()).isEqualTo("2");
        assertThat(signals(writethru)).containsExactly("update");
        assertThat(at(writethru, "/firstCreated")).isNull();
        assertThat(at(writethru, "/versionCreated")).isEqualTo("2024-06-04T16:30:00Z");
        assertThat(at(writethru, "/urgency")).isEqualTo("5"); // priority r = routine
        assertThat(writethru.contentHash()).isNotEqualTo(first.contentHash());
    }

    @Test
    void tableRowsBecomeOnePreformattedBlock() {
        Article a = Fixtures.articles("anpa-1312/lake-cafe-writethru.tst").get(0);
        assertThat(a.html())
                .endsWith("<p>Flood repair grants</p><pre>         Cafes  Grant total\n"
                        + "Lucerne  12     340,000\n"
                        + "Weggis   3      75,500</pre>");
    }

    @Test
    void theSameStoryResentGetsTheSameIdAndHash() {
        byte[] original = Fixtures.bytes("anpa-1312/lake-cafe.tst");
        // A resend: new sequence number in the header, received a day later under another item id.
        byte[] resend =
                new String(original, WINDOWS_1252).replace("W1234", "W1299").getBytes(WINDOWS_1252);
        Article a =
                Fixtures.articles(original, null, "item-1", Fixtures.RECEIVED).get(0);
        Article b = Fixtures.articles(resend, "text/plain", "item-2", Instant.parse("2024-12-02T08:00:00Z"))
                .get(0);
        assertThat(b.uri()).isEqualTo(a.uri());
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        assertThat(at(b, "/wire/source/format")).isEqualTo("anpa-1312");
    }

    @Test
    void theQuadLeftThatEndsABodyLineIsNotText() {
        // QA on agency copy: a tab-indented agate line ending in "<" kept the "<" in the last paragraph
        String item = "\u0016\u0016\u0001W2201\u001fsports\n"
                + "r s\u0013\u0011 BC-BBO--Schedule      05-17 0210\n"
                + "\u0002^BC-BBO--Schedule,0210<\n"
                + "^Valley League schedule<\n"
                + "\t   Riverton at Millbrook, 7:05 p.m.< \r\n"
                + "\r\n"
                + "\t   Oak Hill at Lakeport, 7:10 p.m.< \r\n"
                + "\r\n"
                + "\t   \u0003AP-WF-05-17-24 0620GMT<\r\n"
                + "\u0004";
        Article a = Fixtures.articles(item.getBytes(WINDOWS_1252), null, "item-1", Fixtures.RECEIVED)
                .get(0);
        assertThat(a.plainText()).isEqualTo("Riverton at Millbrook, 7:05 p.m.\n\nOak Hill at Lakeport, 7:10 p.m.");
    }

    @Test
    void oneHugeTableCellDoesNotPadEveryRowToItsWidth() {
        // found by MutatedFixturesTest: a 100 kB cell padded every row to 100 kB and the item took minutes
        String item = "\u0016\u0016\u0001W2202\u001fsports\n"
                + "r s\u0013\u0011 BC-BBO--Table      05-17 0210\n"
                + "\u0002^BC-BBO--Table,0210<\n"
                + "^Valley League table<\n"
                + "\b^;Won;Lost<\n"
                + "\bRiverton" + "x".repeat(100_000) + ";12;3<\n"
                + "\bMillbrook;10;5<\n"
                + "\bLakeport;9;6<\n"
                + "\t   \u0003AP-WF-05-17-24 0620GMT<\r\n"
                + "\u0004";
        Article a = Fixtures.articles(item.getBytes(WINDOWS_1252), null, "item-1", Fixtures.RECEIVED)
                .get(0);
        assertThat(a.plainText().lines().filter(l -> l.startsWith("Millbrook") || l.startsWith("Lakeport")))
                .hasSize(2)
                .allMatch(l -> l.length() < 80);
        assertThat(a.plainText().length()).isLessThan(100_500);
    }
}
