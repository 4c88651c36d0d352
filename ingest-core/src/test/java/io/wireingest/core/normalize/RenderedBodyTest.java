package io.wireingest.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.clean.ArticleSafelist;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RenderedBody} renders exactly what jsoup's {@code html()} and the former plain-text rendering gave. */
class RenderedBodyTest {
    private static final Safelist SAFELIST = ArticleSafelist.create();
    private static final Cleaner CLEANER = new Cleaner(SAFELIST);
    private static final String BASE = "https://wire.example/news/a.html";

    /**
     * Renders the body both ways: sanitized by the Cleaner then rendered, and sanitized while rendered when that is
     * possible; each must equal jsoup's html() of the Cleaner's body and the former plain text of it.
     *
     * @return whether the body could be sanitized while rendered
     */
    private static boolean assertSameAsJsoup(Document dirty) throws Exception {
        for (Element h1 : dirty.body().getElementsByTag("h1")) {
            h1.tagName("h2");
        }
        Document clean = CLEANER.clean(dirty);
        clean.outputSettings().prettyPrint(false);
        Element body = clean.body();
        String html = body.html();
        String text = LegacyPlainText.of(body);
        assertRendered(RenderedBody.of(body, null), html, text);
        assertThat(PlainText.of(body, null)).isEqualTo(text);
        RenderedBody sanitizing = RenderedBody.sanitizing(dirty.body(), SAFELIST, null);
        if (sanitizing != null) {
            assertRendered(sanitizing, html, text);
        }
        return sanitizing != null;
    }

    private static void assertRendered(RenderedBody rendered, String html, String text) {
        assertThat(rendered.html()).isEqualTo(html);
        assertThat(rendered.text()).isEqualTo(text);
        assertThat(rendered.charCount()).isEqualTo(text.codePointCount(0, text.length()));
        assertThat(rendered.wordCount()).isEqualTo(LegacyPlainText.wordCount(text));
    }

    private static boolean assertSameAsJsoup(String html) throws Exception {
        return assertSameAsJsoup(Jsoup.parseBodyFragment(html, BASE));
    }

    @Test
    void bodiesOfSafeElementsAreSanitizedWhileRendered() throws Exception {
        assertThat(assertSameAsJsoup(
                        "<h1>Head</h1><p>A <a href=\"/x?a=1&amp;b=2\" onclick=\"x\" rel=\"nofollow noopener\">"
                                + "link</a> <a href=\"javascript:alert(1)\" title=\"t\">bad</a> <a rel=\"me\">me</a>"
                                + "<img src=\"//cdn.example/i.png\" alt=\"\" style=\"x\"><q cite=\"rel/q\">q</q></p>"
                                + "<blockquote cite=\"data:x\"><p>quote</p></blockquote><pre>\ncode</pre>"
                                + "<ol start=\"2\" type=\"a\"><li>one</li></ol>"))
                .isTrue();
        assertThat(assertSameAsJsoup("<p>A <span>span</span> is not safe</p>")).isFalse();
        assertThat(assertSameAsJsoup("<p>A comment <!-- c --> is dropped</p>")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "<p>Plain paragraph.</p>",
                "Top-level text <p>then a paragraph</p> and more text",
                "<p>A &amp; B &lt;tag&gt; \"quoted\" 'single' \u00a0no-break\u00a0 \u200bzero\u00adwidth</p>",
                "<p>Tabs\tand\nnewlines\r\nand\fform feeds \u000b vertical tab \u2003em space\u3000</p>",
                "<p>Control \u0001\u0008\u001f chars and \u007f\u0085\u2028 others \ufffe</p>",
                "<p>Emoji \ud83d\ude00 and a lone \ud800 surrogate and \udc00 another</p>",
                "<p>line<br>break<br> <br>after  spaces <br/></p>",
                "<p><b>bold</b><i> italic </i><span>span</span><div>div in p</div>tail</p>",
                "<div><p>nested in div</p><blockquote><p>quote one</p><p>quote two</p>by someone</blockquote></div>",
                "<h1>Headline</h1><h2>Sub</h2><h3>three</h3>",
                "<pre>\nfirst line kept\n  indented   \n\n</pre><pre>\r\ncarriage</pre><pre>no newline</pre>",
                "<pre><b>\nbold first</b></pre><pre><span>\nunsafe first</span> rest</pre>",
                "<ul><li>one</li><li>two <ul><li>nested</li></ul></li></ul><ol start=\"3\"><li>three</li></ol>",
                "<dl><dt>term</dt><dd>definition</dd></dl>",
                "<table><caption>Cap</caption><tr><th scope=\"row\">h</th><td colspan=\"2\">a &amp; b</td></tr>"
                        + "<tr><td>1</td><td>2</td></tr></table>",
                "<figure><img src=\"/img/a.jpg\" alt=\"a &quot;b&quot; <c> & d\" width=\"10\"><figcaption>Caption "
                        + "(Photo: X)</figcaption>text after</figure>",
                "<p><a href=\"/relative?a=1&b=2\" title=\"T 'x' &quot;y&quot;\">link</a> and "
                        + "<a href=\"https://other.example/x\">abs</a> <a href=\"javascript:alert(1)\">bad</a></p>",
                "<p><a href=\"mailto:a@b.example\">mail</a><q cite=\"https://q.example/\">q</q>"
                        + "<abbr title=\"\">abbr</abbr><time datetime=\"2024-01-01\">t</time></p>",
                "<p>Story <script>alert(1)</script>text.<style>p{}</style><!-- comment --></p>",
                "<p>Story <svg><a href=\"https://x.example/\">svg link</a><title>t</title></svg>text.</p>",
                "<p>Story <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
                        + "</table></mtext></math>text.</p>",
                "<p></p><p> </p><p>\u00a0</p><br><hr><img src=\"https://i.example/a.png\">",
                "<textarea>\nraw text</textarea><title>title text</title><noscript><p>ns</p></noscript>",
                "<p><![CDATA[cdata <text>]]></p>",
            })
    void rendersAsJsoup(String html) throws Exception {
        assertSameAsJsoup(html);
    }

    @Test
    void bodiesTheParserDoesNotMakeGoThroughJsoup() throws Exception {
        Document dirty = Document.createShell("https://wire.example/");
        Element p = dirty.body().appendElement("p");
        p.appendText("text ");
        p.appendChild(new CDataNode("cdata <x>"));
        p.appendChild(new DataNode("data <y> & z"));
        p.appendChild(new Comment("comment"));
        dirty.body().appendElement("br").appendText("child of a void element");
        dirty.body().appendElement("P").appendText("upper-case tag");
        Element deep = dirty.body().appendElement("p");
        for (int i = 0; i < RenderedBody.MAX_DEPTH + 20; i++) {
            deep = deep.appendElement(i % 2 == 0 ? "b" : "span");
        }
        deep.appendText("deep text");
        assertSameAsJsoup(dirty);
    }

    /** Random bodies from a small alphabet of tags, attributes and characters that matter to either rendering. */
    @Test
    void randomBodiesRenderAsJsoup() throws Exception {
        String[] tags = {
            "p",
            "br",
            "h1",
            "h2",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "pre",
            "b",
            "i",
            "a",
            "span",
            "div",
            "table",
            "tr",
            "td",
            "th",
            "figure",
            "figcaption",
            "img",
            "hr",
            "blockquote",
            "script",
            "svg",
            "textarea",
            "q"
        };
        String[] attributes = {
            " href=\"https://x.example/a?b=1&c=2\"",
            " href=\"/rel\"",
            " href=\"javascript:x\"",
            " title=\"a \\\"q\\\" <b>\"",
            " src=\"http://i.example/i.png\"",
            " alt='it''s'",
            " onclick=\"x\"",
            " colspan=\"2\"",
            " cite=\"https://c.example\"",
            " src=\"/rel.png\"",
            " cite=\"rel\"",
            " rel=\"nofollow noopener\"",
            " start=\"3\"",
            " HREF=\"/upper\""
        };
        String[] texts = {
            "word",
            " ",
            "  ",
            "\n",
            "\t",
            "\u00a0",
            "&amp;",
            "&lt;",
            ">",
            "\"",
            "'",
            "\u200b",
            "\u00ad",
            "\u2003",
            "2,000",
            "Jong-un's",
            "\ud83d\ude00",
            "\u0003",
            "&nbsp;",
            "\r\n",
            "é"
        };
        Random random = new Random(7);
        int sanitizedWhileRendered = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder html = new StringBuilder();
            int parts = 1 + random.nextInt(40);
            for (int i = 0; i < parts; i++) {
                switch (random.nextInt(4)) {
                    case 0 ->
                        html.append('<')
                                .append(tags[random.nextInt(tags.length)])
                                .append(random.nextInt(3) == 0 ? attributes[random.nextInt(attributes.length)] : "")
                                .append('>');
                    case 1 ->
                        html.append("</")
                                .append(tags[random.nextInt(tags.length)])
                                .append('>');
                    default -> html.append(texts[random.nextInt(texts.length)]);
                }
            }
            try {
                if (assertSameAsJsoup(html.toString())) {
                    sanitizedWhileRendered++;
                }
            } catch (AssertionError e) {
                throw new AssertionError("for " + html, e);
            }
        }
        assertThat(sanitizedWhileRendered).isGreaterThan(100);
    }
}
