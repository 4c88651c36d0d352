package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextBlocksTest {
    @Test
    void eachLineIsAParagraphInScrapedCopy() {
        assertThat(TextBlocks.paragraphs("First line.\nSecond line.\r\nThird line."))
                .containsExactly("First line.", "Second line.", "Third line.");
    }

    @Test
    void blankLineSeparatedParagraphsStayWhole() {
        assertThat(TextBlocks.paragraphs("One.\n\nTwo.\n\n\nThree.")).containsExactly("One.", "Two.", "Three.");
    }

    @Test
    void hardWrappedCopyIsJoinedWithinBlocks() {
        String wrapped = "The ministry said exports\nrose 12 percent in\nFebruary.\n\nShipments reached\n$9 billion.";
        assertThat(TextBlocks.paragraphs(wrapped))
                .containsExactly(
                        "The ministry said exports rose 12 percent in February.", "Shipments reached $9 billion.");
    }

    @Test
    void squashFoldsNoBreakSpacesAndControlCharacters() {
        assertThat(TextBlocks.squash("\u00A0 a\u0001\u0002b \t c\u00A0")).isEqualTo("a b c");
    }
}
