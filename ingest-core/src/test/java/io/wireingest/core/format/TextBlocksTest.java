package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void squashAndParagraphsMatchTheirPlainDefinitionsOnRandomText() {
        String[] pieces = {
            "a",
            "Kata",
            "2.000",
            "’",
            "\uD83D\uDE00",
            "\uD83D",
            " ",
            "  ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            "\r\r\n",
            "\u00A0",
            "\u2007",
            "\u202F",
            "\uFEFF",
            "\u3000",
            "\u2028",
            "\u0001",
            "\u001F",
            "\u007F",
            "\u0085",
            "\u200B"
        };
        Random random = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertThat(TextBlocks.squash(s)).as(s).isEqualTo(PlainDefinitions.squash(s));
            assertThat(TextBlocks.paragraphs(s)).as(s).isEqualTo(PlainDefinitions.paragraphs(s));
        }
    }

    /** The straightforward versions of squash and paragraphs, as they were written before they were made faster. */
    private static final class PlainDefinitions {
        static List<String> paragraphs(String text) {
            String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
            int nonBlank = 0;
            int blankSeparated = 0;
            boolean previousBlank = false;
            for (String line : lines) {
                if (line.isBlank()) {
                    previousBlank = true;
                } else {
                    nonBlank++;
                    if (previousBlank) {
                        blankSeparated++;
                    }
                    previousBlank = false;
                }
            }
            boolean wrapped = blankSeparated > 0 && nonBlank > (blankSeparated + 1) * 1.5;
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : lines) {
                String clean = squash(line);
                if (clean.isEmpty() || !wrapped) {
                    if (current.length() > 0) {
                        out.add(current.toString());
                        current.setLength(0);
                    }
                } else if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(clean);
            }
            if (current.length() > 0) {
                out.add(current.toString());
            }
            return out;
        }

        static String squash(String s) {
            StringBuilder out = new StringBuilder();
            boolean space = false;
            for (char c : s.toCharArray()) {
                if (Character.isWhitespace(c)
                        || c == '\u00A0'
                        || c == '\u2007'
                        || c == '\u202F'
                        || c == '\uFEFF'
                        || Character.isISOControl(c)) {
                    space = out.length() > 0;
                } else {
                    if (space) {
                        out.append(' ');
                        space = false;
                    }
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
