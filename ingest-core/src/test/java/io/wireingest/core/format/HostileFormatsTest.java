package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile and broken input to the format readers: refused with a clear reason or read, never an exception. */
class HostileFormatsTest {
    private static Outcome run(String text) {
        return Fixtures.process(text.getBytes(StandardCharsets.UTF_8), null, "h-1", Fixtures.RECEIVED);
    }

    private static Rejection rejection(String text) {
        Outcome outcome = run(text);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    @Test
    void hostileXmlFixturesAreRefusedAtParse() {
        for (String fixture : new String[] {
            "hostile/billion-laughs.xml", "hostile/external-entity.xml", "hostile/parameter-entity.xml"
        }) {
            Rejection r = Fixtures.rejection(fixture);
            assertThat(r.stage().id()).as(fixture).isEqualTo("parse");
            assertThat(r.reason()).as(fixture).isEqualTo("xml-entities");
            assertThat(r.detail()).as(fixture).contains("entit");
        }
    }

    @Test
    void anExternalDtdIsSkippedNotFetched() {
        Outcome outcome = Fixtures.process(Fixtures.bytes("hostile/external-dtd.xml"), null, "h-2", Fixtures.RECEIVED);
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        assertThat(((Outcome.Normalized) outcome).articles().get(0).plainText()).isEqualTo("Text.");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "<nitf><body><body.content>" + "<div>".repeat(300) + "x" + "</div>".repeat(300)
                + "</body.content></body></nitf>";
        Rejection r = rejection(deep);
        assertThat(r.stage().id()).isEqualTo("parse");
        assertThat(r.reason()).isEqualTo("too-deep");
        assertThat(r.detail()).contains("256");
    }

    @Test
    void truncatedXmlIsMalformed() {
        Rejection r = rejection("<?xml version=\"1.0\"?><newsItem guid=\"g\"><contentMeta><headline>Cut");
        assertThat(r.reason()).isEqualTo("malformed-xml");
    }

    @Test
    void aBomBeforeTheXmlPrologIsHandled() {
        byte[] nitf = Fixtures.bytes("nitf/harbour-story.xml");
        byte[] withBom = new byte[nitf.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(nitf, 0, withBom, 3, nitf.length);
        var articles = Fixtures.articles(withBom, "application/xml", "bom", Fixtures.RECEIVED);
        assertThat(Fixtures.at(articles.get(0), "/wire/source/format")).isEqualTo("nitf");
        assertThat(Fixtures.at(articles.get(0), "/headlines/0/value")).startsWith("Harbour ferry fares");
    }

    @Test
    void aHugeSingleLineBodyIsReadWithoutBlowingUp() {
        String line = "word   ".repeat(200_000);
        String item = "<newsItem guid=\"g\" version=\"1\"><contentMeta><headline>H</headline>"
                + "<slugline>" + "x (".repeat(5_000) + "</slugline></contentMeta>"
                + "<contentSet><inlineData contenttype=\"text/plain\">" + line
                + "</inlineData></contentSet></newsItem>";
        assertThat(run(item)).isInstanceOf(Outcome.Normalized.class);
    }

    @Test
    void brokenTeletypeFramingIsDataNotAnException() {
        Outcome anpa = run("\u0016\u0016\u0001W1\u001fx\n\u0013\u0011\u0002");
        assertThat(anpa).isInstanceOfAny(Outcome.Rejected.class, Outcome.Normalized.class);
        if (anpa instanceof Outcome.Rejected rejected) {
            assertThat(rejected.rejection().reason()).isNotEqualTo("internal-error");
        }
        Outcome iptc = run("\u0001abc1 2 i 10\r\n\u0002\u0003");
        assertThat(iptc).isInstanceOfAny(Outcome.Rejected.class, Outcome.Normalized.class);
        if (iptc instanceof Outcome.Rejected rejected) {
            assertThat(rejected.rejection().reason()).isNotEqualTo("internal-error");
        }
    }

    @Test
    void ninjsWithWrongTypesIsReadOrRefusedCleanly() {
        Outcome outcome = run("{\"uri\": 5, \"headline\": [\"x\"], \"bodies\": \"no\", \"subjects\": 3,"
                + " \"body_text\": \"Some text.\", \"versionCreated\": \"not a date\"}");
        assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
        assertThat(((Outcome.Normalized) outcome).articles().get(0).plainText()).isEqualTo("Some text.");
        Rejection r = rejection("[{\"uri\": \"u\", \"type\": \"picture\"}]");
        assertThat(r.reason()).isEqualTo("no-text-item");
        Rejection broken = rejection("{\"uri\": \"u\", \"headline\": \"x\"");
        assertThat(broken.reason()).isEqualTo("malformed-json");
    }
}
