package io.wireingest.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.RejectedException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecodeBytesTest {
    private final DecodeBytes decode = new DecodeBytes();

    private static RawItem item(String contentType, byte[] body) {
        return RawItem.of("id", "feed", contentType, Instant.parse("2024-01-01T00:00:00Z"), body);
    }

    @Test
    void usesTheDeclaredCharset() throws RejectedException {
        byte[] latin = "Café à Paris".getBytes(Charset.forName("windows-1252"));
        DecodedItem d = decode.decode(item("text/plain; charset=windows-1252", latin));
        assertThat(d.text()).isEqualTo("Café à Paris");
        assertThat(d.malformed()).isFalse();
    }

    @Test
    void aGenuineReplacementCharacterIsNotMalformedInput() throws RejectedException {
        byte[] bytes = "Garbled \uFFFD in the source, and Seoul 서울".getBytes(StandardCharsets.UTF_8);
        DecodedItem d = decode.decode(item("text/plain", bytes));
        assertThat(d.charset()).isEqualTo("UTF-8");
        assertThat(d.malformed()).isFalse();
        assertThat(d.text()).isEqualTo("Garbled \uFFFD in the source, and Seoul 서울");
    }

    @Test
    void treatsDeclaredLatin1AsWindows1252LikeBrowsers() throws RejectedException {
        byte[] bytes = {'a', (byte) 0x96, 'b'}; // 0x96 is an en dash in windows-1252, a control in ISO-8859-1
        assertThat(decode.decode(item("text/plain; charset=ISO-8859-1", bytes)).text())
                .isEqualTo("a–b");
    }

    @Test
    void stripsUtf8ByteOrderMarkWhateverTheDeclaration() throws RejectedException {
        byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', 'p', '>', 'x'};
        DecodedItem d = decode.decode(item("text/html; charset=windows-1252", body));
        assertThat(d.text()).isEqualTo("<p>x");
        assertThat(d.charset()).isEqualTo("UTF-8");
    }

    @Test
    void readsTheXmlPrologEncoding() throws RejectedException {
        byte[] body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf>Caf\u00e9</nitf>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decode.decode(item("application/xml", body)).text()).contains("Café");
    }

    @Test
    void readsTheHtmlMetaCharset() throws RejectedException {
        byte[] body = "<html><head><meta charset=\"windows-1252\"></head><body>\u2013</body></html>"
                .getBytes(Charset.forName("windows-1252"));
        assertThat(decode.decode(item("text/html", body)).text()).contains("–");
    }

    @Test
    void fallsBackToWindows1252ForUndeclaredNonUtf8Bytes() throws RejectedException {
        byte[] body = "JAKARTA \u2014 caf\u00e9".getBytes(Charset.forName("windows-1252"));
        DecodedItem d = decode.decode(item(null, body));
        assertThat(d.text()).isEqualTo("JAKARTA — café");
        assertThat(d.charset()).isEqualTo("windows-1252");
    }

    @Test
    void replacesInvalidBytesOfADeclaredCharsetAndSaysSo() throws RejectedException {
        byte[] body = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', 't', 'e', 'x', 't'};
        DecodedItem d = decode.decode(item("text/plain; charset=utf-8", body));
        assertThat(d.malformed()).isTrue();
        assertThat(d.text()).startsWith("ok ").endsWith(" text").contains("\uFFFD");
    }

    @Test
    void refusesEmptyAndBlankItems() {
        assertThatThrownBy(() -> decode.decode(item("text/plain", new byte[0])))
                .isInstanceOf(RejectedException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> decode.decode(item("text/plain", " \n\t ".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RejectedException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesBinaryContent() {
        byte[] body = {'%', 'P', 'D', 'F', 0, 1, 2, 3, 0, 0};
        assertThatThrownBy(() -> decode.decode(item("application/octet-stream", body)))
                .isInstanceOf(RejectedException.class)
                .satisfies(e ->
                        assertThat(((RejectedException) e).rejection().reason()).isEqualTo("binary"));
    }

    @Test
    void unknownDeclaredCharsetFallsBackToSniffing() throws RejectedException {
        byte[] body = "Seoul — ok".getBytes(StandardCharsets.UTF_8);
        assertThat(decode.decode(item("text/plain; charset=x-no-such", body)).text())
                .isEqualTo("Seoul — ok");
    }

    @Test
    void mediaTypeParsingIsLenient() {
        assertThat(MediaType.parse("Text/HTML ; Charset=\"UTF-8\"")).isEqualTo(new MediaType("text/html", "UTF-8"));
        assertThat(MediaType.parse(null)).isEqualTo(MediaType.UNKNOWN);
        assertThat(MediaType.parse("garbage")).isEqualTo(new MediaType("application/octet-stream", null));
        assertThat(MediaType.parse("application/nitf+xml").isXml()).isTrue();
    }
}
