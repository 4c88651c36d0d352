package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** {@link TextBlocks#text(Element)} gives exactly what jsoup's {@link Element#text()} gives. */
class TextOfBlockTest {
    private static Element body(String html) {
        return Jsoup.parseBodyFragment(html).body();
    }

    @Test
    void inlineMarkupAndWhiteSpaceAreFlattened() {
        Element p = body("<p>  JAKARTA\u00A0(ANTARA) -  <b>Menurut</b>\n<a href=x>Xinhua</a>,\t harga\u200B naik. </p>")
                .child(0);
        assertThat(TextBlocks.text(p)).isEqualTo("JAKARTA (ANTARA) - Menurut Xinhua, harga naik.");
    }

    @Test
    void aSingleTextNodeIsTakenAsItIsOnlyWhenNormalizationWouldLeaveIt() {
        for (String text : new String[] {
            "JAKARTA (ANTARA) - harga naik.",
            "a  b",
            " a",
            "a ",
            "a\u00A0b",
            "\u00A0a",
            "a\u00ADb",
            "a\u200B",
            "a\tb",
            "a\u0001b",
            "x"
        }) {
            Element p = new Element("p").appendText(text);
            assertThat(TextBlocks.text(p)).as(text).isEqualTo(p.text());
        }
    }

    @Test
    void softHyphensAndZeroWidthSpacesDisappear() {
        Element p = body("<p>pe\u00ADmerintah\u200B<i> kata</i></p>").child(0);
        assertThat(TextBlocks.text(p)).isEqualTo("pemerintah kata");
    }

    @Test
    void blocksAndLineBreaksSeparateWords() {
        Element list = body("<ul><li>One</li><li>Two<br>Three</li></ul>").child(0);
        assertThat(TextBlocks.text(list)).isEqualTo("One Two Three");
    }

    @Test
    void preformattedTextKeepsItsSpaces() {
        Element pre = body("<pre>a   b\n  c</pre>").child(0);
        assertThat(TextBlocks.text(pre)).isEqualTo("a   b\n  c");
    }

    @Test
    void aLoneTextNodeIsNormalizedLikeJsoup() {
        String[] texts = {
            "plain words",
            "",
            "x",
            " a",
            "a ",
            "a  b",
            "\u00A0a",
            "a\u00A0",
            "\u00ADa",
            "a\u200B",
            "a\tb",
            "a\nb",
            "\u0001a\u0001",
            "a\u007F",
            "\u3000a\u3000",
            "a \u00AD b",
            "a\u00AD b",
            "a \u200B\u00A0b",
            "\uD83D"
        };
        for (String text : texts) {
            Element p = new Element("p").appendText(text);
            assertThat(TextBlocks.text(p)).as(text).isEqualTo(p.text());
        }
    }

    @Test
    void matchesJsoupOnRandomMarkup() {
        String[] open = {
            "<b>",
            "<i>",
            "<a href='/x'>",
            "<span>",
            "<em>",
            "<strong>",
            "<br>",
            "<p>",
            "<div>",
            "<td>",
            "<pre>",
            "<code>",
            "<sup>",
            "<li>",
            "<img src=x>",
            "<!-- c -->",
            "<h2>",
            "<q>",
            "<small>",
            "<textarea>"
        };
        String[] close = {"</b>", "</i>", "</a>", "</span>", "</em>", "</p>", "</div>", "</pre>", "</li>"};
        String[] text = {
            " ",
            "  ",
            "\n",
            "\t",
            "\u00A0",
            "\u200B",
            "\u00AD",
            "\r\n",
            "kata",
            "Xinhua",
            "2.000",
            "’",
            "\uD83D\uDE00",
            "\uD83D",
            "&amp;",
            "&nbsp;",
            "Beijing.",
            "ujar",
            "\u3000",
            "\u2009",
            "x"
        };
        Random random = new Random(7);
        for (int round = 0; round < 3000; round++) {
            StringBuilder html = new StringBuilder("<p>");
            int parts = 1 + random.nextInt(25);
            for (int i = 0; i < parts; i++) {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    html.append(text[random.nextInt(text.length)]);
                } else if (kind < 8) {
                    html.append(open[random.nextInt(open.length)]);
                } else {
                    html.append(close[random.nextInt(close.length)]);
                }
            }
            Element root = body(html.toString());
            for (Element el : root.getAllElements()) {
                assertThat(TextBlocks.text(el)).as(html.toString()).isEqualTo(el.text());
            }
        }
    }
}
