package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.decode.DecodeBytes;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.WireFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecognizeFormatTest {
    private static WireFormat recognize(byte[] body, String contentType) throws Exception {
        DecodedItem item =
                new DecodeBytes().decode(RawItem.of("story.html", "wire", contentType, Fixtures.RECEIVED, body));
        return RecognizeFormat.standard().recognize(item).format();
    }

    @ParameterizedTest
    @CsvSource({
        "nitf/harbour-story.xml, NITF",
        "nitf/harbour-kill.xml, NITF",
        "newsml-g2/message.xml, NEWSML_G2",
        "newsml-g2/item-canceled.xml, NEWSML_G2",
        "newsml-1/newsml.xml, NEWSML_1",
        "anpa-1312/lake-cafe.tst, ANPA_1312",
        "iptc-7901/norway-wind.txt, IPTC_7901",
        "ninjs/array-v3.json, NINJS",
        "ninjs/item-v1.json, NINJS",
        "feeds/rss.xml, RSS",
        "feeds/atom.xml, RSS"
    })
    void sniffsTheContentNotTheNameOrDeclaredType(String fixture, WireFormat expected) throws Exception {
        byte[] body = Fixtures.bytes(fixture);
        // The item id ends in .html and producers often declare text/plain or nothing: neither decides.
        assertThat(recognize(body, null)).isEqualTo(expected);
        assertThat(recognize(body, "text/plain")).isEqualTo(expected);
        assertThat(recognize(body, "application/octet-stream")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<html><body><p>A page.</p></body></html>|HTML",
                "<p>Just a fragment.</p>|HTML",
                "JAKARTA (ANTARA) - Plain copy.|TEXT",
                "{\"name\": \"not ninjs\"}|TEXT",
                "<?xml version=\"1.0\"?><catalog><book/></catalog>|TEXT"
            })
    void leavesOtherContentToTheGeneralReaders(String text, WireFormat expected) throws Exception {
        assertThat(recognize(text.getBytes(StandardCharsets.UTF_8), null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{bad json|application/json|malformed-json|line 1, column 2",
                "{\"a\": 1,}|application/json; charset=utf-8|malformed-json|line 1, column 9",
                "{\"name\": \"not ninjs\"}|application/json|unrecognized-json|neither ninjs",
                "[1, 2, 3]|application/ld+json|unrecognized-json|neither ninjs",
                "JAKARTA (ANTARA) - Plain copy.|text/json|malformed-json|not JSON"
            })
    void contentDeclaredAsJsonThatNoJsonReaderTakesIsRefusedNotPublishedAsText(
            String text, String contentType, String reason, String detail) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> recognize(text.getBytes(StandardCharsets.UTF_8), contentType))
                .isInstanceOfSatisfying(io.wireingest.core.pipeline.RejectedException.class, e -> {
                    assertThat(e.rejection().stage()).isEqualTo(io.wireingest.core.pipeline.StageName.RECOGNIZE);
                    assertThat(e.rejection().reason()).isEqualTo(reason);
                    assertThat(e.rejection().detail()).contains(detail);
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"[|]|application/json", "{\"a\":|}|text/json", "[|}|application/json"})
    void jsonNestedDeeperThanTheLimitIsRefusedAsTooDeep(String open, String close, String contentType) {
        // found by QA (D4): 100 000 nested arrays were an internal-error NullPointerException (Jackson's depth error
        // has no location)
        String deep = open.repeat(100_000) + close.repeat(100_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> recognize(deep.getBytes(StandardCharsets.UTF_8), contentType))
                .isInstanceOfSatisfying(io.wireingest.core.pipeline.RejectedException.class, e -> {
                    assertThat(e.rejection().stage()).isEqualTo(io.wireingest.core.pipeline.StageName.RECOGNIZE);
                    assertThat(e.rejection().reason()).isEqualTo("too-deep");
                    assertThat(e.rejection().detail())
                            .isEqualTo("JSON arrays and objects are nested more than 256 levels deep"
                                    + " (the nesting depth limit)");
                });
        // within the limit it is JSON of a shape we do not read
        String within = "[".repeat(256) + "]".repeat(256);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> recognize(within.getBytes(StandardCharsets.UTF_8), "application/json"))
                .isInstanceOfSatisfying(
                        io.wireingest.core.pipeline.RejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo("unrecognized-json"));
    }

    @org.junit.jupiter.api.Test
    void ninjsDeclaredAsJsonIsStillRead() throws Exception {
        assertThat(recognize(Fixtures.bytes("ninjs/item-v1.json"), "application/json"))
                .isEqualTo(WireFormat.NINJS);
    }
}
