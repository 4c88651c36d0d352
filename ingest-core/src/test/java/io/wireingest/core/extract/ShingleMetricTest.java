package io.wireingest.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wireingest.core.extract.ShingleMetric.PageScore;
import io.wireingest.core.extract.ShingleMetric.Summary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected figures are those of {@code score-extraction.py} on the same strings, checked by hand. */
class ShingleMetricTest {
    @Test
    void tokenizesLikePythonUnicodeWordCharacters() {
        assertThat(ShingleMetric.tokens("Cafe\u0301 au lait costs ½ euro at 9_am"))
                .containsExactly("Cafe", "au", "lait", "costs", "½", "euro", "at", "9_am");
        assertThat(ShingleMetric.tokens("日本語テキスト, ไทย — Ⅻ²")).containsExactly("日本語テキスト", "ไทย", "Ⅻ²");
        assertThat(ShingleMetric.tokens("")).isEmpty();
    }

    @Test
    void truncatedPredictionKeepsPrecisionAndLosesRecall() {
        // 9 tokens: 6 shingles; the prediction's 5 tokens: 2 shingles, both true.
        PageScore s = ShingleMetric.score("The quick brown fox jumps over the lazy dog", "The quick brown fox jumps");
        assertThat(s.tp()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(s.fn()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void extraLeadCostsPrecisionAndRepeatedShinglesCountAsAMultiset() {
        // Truth: 11 tokens, 8 shingles ("Harga emas naik lagi" twice); prediction adds "Baca juga": 10 shingles.
        PageScore s = ShingleMetric.score(
                "Harga emas naik lagi hari ini. Harga emas naik lagi besok.",
                "Baca juga: Harga emas naik lagi hari ini. Harga emas naik lagi besok.");
        assertThat(s.precision()).isCloseTo(0.8, within(1e-12));
        assertThat(s.recall()).isEqualTo(1.0);
    }

    @Test
    void shortTextsAreOneShingleAndCombiningMarksSplitTokens() {
        assertThat(ShingleMetric.score("Short text", "Short text").f1()).isEqualTo(1.0);
        assertThat(ShingleMetric.score("Cafe\u0301 au lait costs ½ euro at 9_am", "Cafe au lait costs ½ euro at 9_am")
                        .f1())
                .isEqualTo(1.0);
    }

    @Test
    void aggregatesMeansOfDefinedPrecisionAndRecallThenF1OfTheMeans() {
        List<PageScore> pages = List.of(
                ShingleMetric.score("The quick brown fox jumps over the lazy dog", "The quick brown fox jumps"),
                ShingleMetric.score(
                        "Harga emas naik lagi hari ini. Harga emas naik lagi besok.",
                        "Baca juga: Harga emas naik lagi hari ini. Harga emas naik lagi besok."),
                ShingleMetric.score("Cafe\u0301 au lait costs ½ euro at 9_am", "Cafe au lait costs ½ euro at 9_am"),
                ShingleMetric.score("Short text", "Short text"),
                ShingleMetric.score("One two three", ""));
        Summary summary = ShingleMetric.aggregate(pages);
        // Precision over the 4 pages that predicted something: (1 + 0.8 + 1 + 1) / 4; recall over all 5.
        assertThat(summary.precision()).isCloseTo(0.95, within(1e-12));
        assertThat(summary.recall()).isCloseTo((1.0 / 3 + 1 + 1 + 1 + 0) / 5, within(1e-12));
        assertThat(summary.f1()).isCloseTo(0.7835051546391752, within(1e-12));
        assertThat(summary.pages()).isEqualTo(5);
    }
}
