package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static io.wireingest.core.format.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsMlG2ReaderTest {
    @Test
    void aNewsMessageGivesOneArticlePerTextItemAndSkipsPictures() {
        List<Article> articles = Fixtures.articles("newsml-g2/message.xml");
        assertThat(articles).hasSize(2);
        assertThat(articles.get(0).uri())
                .isEqualTo(NormalizeArticle.uri("wire", "urn:newsml:wire.example:20240502:A1001"));
        assertThat(articles.get(1).uri())
                .isEqualTo(NormalizeArticle.uri("wire", "urn:newsml:wire.example:20240502:A1003"));
    }

    @Test
    void mapsItemMetaContentMetaAndRights() {
        Article a = Fixtures.articles("newsml-g2/message.xml").get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("newsml-g2");
        assertThat(altId(a, "guid")).isEqualTo("urn:newsml:wire.example:20240502:A1001");
        assertThat(a.version()).isEqualTo("2");
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-05-02T07:14:10Z");
        assertThat(at(a, "/firstCreated")).isEqualTo("2024-05-02T06:02:00Z");
        assertThat(at(a, "/embargoedUntil")).isEqualTo("2024-05-02T10:00:00Z");
        assertThat(a.pubStatus()).isEqualTo("withheld");
        assertThat(at(a, "/urgency")).isEqualTo("3");
        assertThat(at(a, "/language")).isEqualTo("en-GB");
        assertThat(at(a, "/edNote")).isEqualTo("Corrects spelling of minister's name in second paragraph.");
        assertThat(at(a, "/slugline")).isEqualTo("BC-EU--Rail-Strike");
        assertThat(at(a, "/wire/takeKey")).isEqualTo("2nd Ld-Writethru");
        assertThat(signals(a)).containsExactly("correction", "update");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Rail unions call off weekend strike");
        assertThat(at(a, "/headlines/1/value")).isEqualTo("Talks to resume on Monday");
        assertThat(at(a, "/by")).isEqualTo("By Ilse Vandermeer");
        assertThat(at(a, "/copyrightHolder")).isEqualTo("Example Wire Ltd");
        assertThat(at(a, "/copyrightNotice")).isEqualTo("Copyright 2024 Example Wire Ltd. All rights reserved.");
        assertThat(at(a, "/subjects/0/literal")).isEqualTo("medtop:20000349");
        assertThat(at(a, "/subjects/0/name")).isEqualTo("railway transport");
        assertThat(a.html())
                .endsWith("Rail unions called off a weekend strike on Thursday after the transport minister, Pieter"
                        + " Hollanders, offered new talks.</p><p>Negotiations will resume on Monday.</p>");
    }

    @Test
    void readsAnInlineXhtmlBodyKeepingPreformattedResults() {
        Article a = Fixtures.articles("newsml-g2/message.xml").get(1);
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Cup quarter-final results");
        assertThat(at(a, "/slugline")).isEqualTo("SOCCER-CUP/RESULTS");
        assertThat(a.html())
                .startsWith(
                        "<p>Results of the cup quarter-finals played on Wednesday:</p><pre>Northgate   2  Riverside  1\n");
        assertThat(a.html()).doesNotContain("<title>");
    }

    @Test
    void aCanceledVersionKeepsTheStoryUri() {
        Article story = Fixtures.articles("newsml-g2/message.xml").get(0);
        Article kill = Fixtures.articles("newsml-g2/item-canceled.xml").get(0);
        assertThat(kill.uri()).isEqualTo(story.uri());
        assertThat(kill.version()).isEqualTo("3");
        assertThat(kill.pubStatus()).isEqualTo("canceled");
        assertThat(signals(kill)).containsExactly("kill");
        assertThat(kill.plainText()).isEqualTo("This story has been withdrawn.");
    }

    @Test
    void aResendThatChangedNothingHasTheSameUriAndContentHash() {
        byte[] original = Fixtures.bytes("newsml-g2/message.xml");
        String text = new String(original, java.nio.charset.StandardCharsets.UTF_8);
        // Resend noise: new version number, new version time, new message header, other item id and receive time.
        byte[] resend = text.replace("version=\"2\"", "version=\"4\"")
                .replace("2024-05-02T09:14:10+02:00", "2024-05-02T09:40:00+02:00")
                .replace("<sent>2024-05-02T09:15:00Z</sent>", "<sent>2024-05-02T09:41:00Z</sent>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Article a = Fixtures.articles(original, "application/xml", "m-1", Fixtures.RECEIVED)
                .get(0);
        Article b = Fixtures.articles(resend, "application/xml", "m-2", Fixtures.RECEIVED.plusSeconds(3600))
                .get(0);
        assertThat(b.uri()).isEqualTo(a.uri());
        assertThat(b.version()).isEqualTo("4");
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        // A real change (the body) changes the hash.
        byte[] edited = text.replace("Negotiations will resume on Monday.", "Negotiations will resume on Tuesday.")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Article c = Fixtures.articles(edited, null, "m-3", Fixtures.RECEIVED).get(0);
        assertThat(c.contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void aPackageItemIsRefusedRatherThanReadAsText() {
        String pkg = "<?xml version=\"1.0\"?><packageItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\""
                + " guid=\"urn:x:pkg\" version=\"1\"><groupSet/></packageItem>";
        io.wireingest.core.pipeline.Outcome outcome =
                Fixtures.process(pkg.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, "p-1", Fixtures.RECEIVED);
        assertThat(outcome).isInstanceOf(io.wireingest.core.pipeline.Outcome.Rejected.class);
        io.wireingest.core.pipeline.Rejection r = ((io.wireingest.core.pipeline.Outcome.Rejected) outcome).rejection();
        assertThat(r.stage().id()).isEqualTo("parse");
        assertThat(r.reason()).isEqualTo("no-text-item");
    }

    @Test
    void theMessageHeaderPriorityStandsInForAMissingUrgency() {
        String message = "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header><priority>2</priority>"
                + "</header><itemSet><newsItem guid=\"urn:x:1\" version=\"1\"><itemMeta><itemClass qcode=\"ninat:text\"/>"
                + "</itemMeta><contentMeta><headline>Flash headline</headline></contentMeta><contentSet>"
                + "<inlineData contenttype=\"text/plain\">One line of copy.</inlineData></contentSet></newsItem>"
                + "</itemSet></newsMessage>";
        Article a = Fixtures.articles(
                        message.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, "m-9", Fixtures.RECEIVED)
                .get(0);
        assertThat(at(a, "/urgency")).isEqualTo("2");
        assertThat(a.plainText()).isEqualTo("One line of copy.");
    }
}
