package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.parser.Tag;
import org.junit.jupiter.api.Test;

/** {@link HtmlBlocks#parser}: the parse of jsoup's default HTML parser, from a shared template tag set. */
class HtmlBlocksParserTest {
    /** Markup whose tree depends on the tags' parser options (scopes, implied ends, special tags) and flags. */
    private static final List<String> PAGES = List.of(
            "<!doctype html><html><head><title>T</title><meta charset=utf-8><link rel=x href=/a>"
                    + "<script>var a = '<p>';</script><style>p{}</style><noscript><img src=n></noscript></head>"
                    + "<body><header><nav><ul><li>A<li>B</ul></nav></header><main><article><h1>H<p>one<p>two"
                    + "<div>in<p>three</div><h2>x<h3>y</h2></h3><blockquote>q<p>r</blockquote></article></main>"
                    + "<aside><form><label>L<input name=q><button>go<p>in button</button></form></aside>"
                    + "<footer><small>s</small><hr><br/></footer></body></html>",
            "<table><tr><td>a<table><tr><td>b</table><p>c<td>d</table><ol><li>x<ol><li>y</ol></ol>",
            "<p><b>bold <i>both</b> italic</i> <a href=1>one <a href=2>two</a></p><dl><dt>t<dd>d<dt>u</dl>",
            "<select><option>a<option>b<optgroup><option>c</select><ruby>a<rt>b<rp>c</ruby>",
            "<figure><img src=a><figcaption>cap<p>p</figcaption></figure><iframe><p>raw</iframe><em>e<strong>s</em>",
            "<svg><g><path d=M0></path><text>t</text></g></svg><math><mi>x</mi></math><div/><span/>after",
            "<body><x-widget data-a=1>custom <p>p</x-widget><phoenix-ad/><Custom-Tag>t</Custom-Tag><textarea><b></textarea>");

    @Test
    void parsesLikeJsoupsDefaultParser() {
        for (String html : PAGES) {
            Document expected = Parser.htmlParser().setMaxDepth(64).parseInput(html, "");
            Document actual = HtmlBlocks.parser(64).parseInput(html, "");
            assertThat(actual.outerHtml()).as(html).isEqualTo(expected.outerHtml());
            List<Element> want = expected.getAllElements();
            List<Element> got = actual.getAllElements();
            assertThat(got).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                Tag w = want.get(i).tag();
                Tag g = got.get(i).tag();
                assertThat(g).as(html).isEqualTo(w); // name, namespace and option flags
                assertThat(g.isKnownTag()).isEqualTo(w.isKnownTag());
                assertThat(g.isSelfClosing()).isEqualTo(w.isSelfClosing());
            }
        }
    }

    @Test
    void eachParseHasTagsOfItsOwnAndTheTemplateTakesNoNewTags() {
        Document first = HtmlBlocks.parser(64).parseInput("<div/><p>a<x-first>b</x-first>", "");
        Document second = HtmlBlocks.parser(64).parseInput("<div>c</div><p>d<x-second>e</x-second>", "");
        // A parse marks the tags it sees (a self-closed div): on its own copies, not on the next parse's.
        Tag firstDiv = first.selectFirst("div").tag();
        Tag secondDiv = second.selectFirst("div").tag();
        assertThat(secondDiv).isNotSameAs(firstDiv);
        assertThat(second.selectFirst("p").tag())
                .isNotSameAs(first.selectFirst("p").tag());
        assertThat(firstDiv.is(Tag.SeenSelfClose)).isTrue();
        assertThat(secondDiv.is(Tag.SeenSelfClose)).isFalse();
        // Unknown tags from pages stay in their parse's tag set.
        assertThat(first.parser().tagSet().get("x-first", Parser.NamespaceHtml)).isNotNull();
        assertThat(second.parser().tagSet().get("x-first", Parser.NamespaceHtml))
                .isNull();
        assertThat(HtmlBlocks.COMMON_TAGS.get("x-first", Parser.NamespaceHtml)).isNull();
        assertThat(HtmlBlocks.COMMON_TAGS.get("x-second", Parser.NamespaceHtml)).isNull();
    }
}
