package io.wireingest.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.Limits;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SafeXmlTest {
    private static ItemContext context(Limits limits) {
        return new ItemContext(
                RawItem.of("x", "feed", "application/xml", Instant.parse("2024-01-01T00:00:00Z"), new byte[] {1}),
                limits);
    }

    private static Document parse(String xml) throws RejectedException {
        return SafeXml.parse(xml, context(Limits.DEFAULT));
    }

    private static void assertRejected(String xml, String reason) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(RejectedException.class, e -> {
            assertThat(e.rejection().stage()).isEqualTo(StageName.PARSE);
            assertThat(e.rejection().reason()).isEqualTo(reason);
        });
    }

    @Test
    void readsElementsByLocalNameWithoutNamespacePrefixes() throws Exception {
        Document doc = parse("<?xml version=\"1.0\"?><n:newsItem xmlns:n=\"urn:x\" guid=\"g1\" xml:lang=\"de\">"
                + "<n:contentMeta><n:headline>Zwei &amp; drei</n:headline></n:contentMeta></n:newsItem>");
        Element root = SafeXml.root(doc);
        assertThat(root.tagName()).isEqualTo("newsItem");
        assertThat(root.attr("guid")).isEqualTo("g1");
        assertThat(root.attr("xml:lang")).isEqualTo("de");
        assertThat(root.selectFirst("contentMeta > headline").text()).isEqualTo("Zwei & drei");
    }

    @Test
    void refusesBillionLaughs() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<lolz>&lol3;</lolz>";
        assertRejected(xml, "xml-entities");
    }

    @Test
    void refusesExternalEntityToLocalFile() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE nitf [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<nitf><body><p>&xxe;</p></body></nitf>";
        assertRejected(xml, "xml-entities");
    }

    @Test
    void neverExpandsAnUndeclaredEntity() {
        // Without the DTD check (a DOCTYPE hidden past the sniffed prolog), the parser itself refuses references.
        assertRejected("<nitf><p>&passwd;</p></nitf>", "malformed-xml");
    }

    @Test
    void skipsAnExternalDtdWithoutFetchingIt() throws Exception {
        // Port 9 on loopback (discard) is never contacted: the DTD is not read at all.
        Document doc = parse("<?xml version=\"1.0\"?><!DOCTYPE nitf SYSTEM \"http://127.0.0.1:9/nitf.dtd\">"
                + "<nitf><head><title>T</title></head></nitf>");
        assertThat(SafeXml.root(doc).selectFirst("title").text()).isEqualTo("T");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "<a>".repeat(40) + "x" + "</a>".repeat(40);
        assertThatThrownBy(() -> SafeXml.parse(deep, context(Limits.DEFAULT.withMaxDepth(32))))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo("too-deep");
                    assertThat(e.rejection().detail()).contains("32");
                });
    }

    @Test
    void acceptsNestingAtTheLimit() throws Exception {
        String atLimit = "<a>".repeat(32) + "x" + "</a>".repeat(32);
        assertThat(SafeXml.parse(atLimit, context(Limits.DEFAULT.withMaxDepth(32)))
                        .text())
                .isEqualTo("x");
    }

    @Test
    void ignoresByteOrderMarkAndLeadingWhiteSpace() throws Exception {
        Document doc = parse("\uFEFF\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel/></rss>");
        assertThat(SafeXml.root(doc).tagName()).isEqualTo("rss");
        assertThat(SafeXml.rootName("\uFEFF <?xml version=\"1.0\"?><!-- c --><rss/>"))
                .isEqualTo("rss");
    }

    @Test
    void readsHtmlNamedEntitiesAsCharacters() throws Exception {
        Document doc = parse("<nitf><p>15&nbsp;per&#160;cent &eacute;t&eacute; &amp; more</p></nitf>");
        assertThat(SafeXml.root(doc).wholeText()).isEqualTo("15\u00A0per\u00A0cent été & more");
    }

    @Test
    void reportsMalformedXmlWithAReason() {
        assertRejected("<nitf><body></nitf>", "malformed-xml");
        assertRejected("<!-- only a comment -->", "malformed-xml");
    }

    @Test
    void sniffsRootNamePastPrologCommentsAndDoctype() {
        assertThat(SafeXml.rootName("<?xml version=\"1.0\"?>\n<!--\n-->\n<!DOCTYPE nitf SYSTEM \"x.dtd\">\n<nitf>"))
                .isEqualTo("nitf");
        assertThat(SafeXml.rootName("<!DOCTYPE a [<!ELEMENT a ANY>]><a/>")).isEqualTo("a");
        assertThat(SafeXml.rootName("plain text")).isNull();
        assertThat(SafeXml.rootName("<ns:newsMessage xmlns:ns=\"x\">")).isEqualTo("newsMessage");
    }
}
