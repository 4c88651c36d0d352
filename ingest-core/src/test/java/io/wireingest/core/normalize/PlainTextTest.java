package io.wireingest.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class PlainTextTest {
    @Test
    void preformattedBlockKeepsInnerSpacesAndLosesTrailingOnes() {
        // found by MutatedFixturesTest: a pre with a long run of spaces inside took minutes (a quadratic "\\s+$")
        String inner = " ".repeat(60_000);
        Element body = new Element("div");
        body.appendElement("pre").text("Lucerne" + inner + "12\nBern  7   \n  ");
        body.appendElement("p").text("After the table.");
        assertThat(PlainText.of(body)).isEqualTo("Lucerne" + inner + "12\nBern  7\n\nAfter the table.");
    }
}
