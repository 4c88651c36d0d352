package io.wireingest.core.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cheap pre-checks of {@link Furniture} let through every text their pattern matches. */
class FurnitureGatesTest {
    /** White space, separators, and characters that fold to ASCII letters under UNICODE_CASE. */
    private static final String[] NOISE = {
        " ", "  ", "\t", "\n", "\u000B", "\u00A0", "[", "]", ":", "：", ">", "»", "|", "-", "—", ".", "?", "x", "\u017F",
        "\u212A", "\u0131", "\u0130", "The", "JAKARTA", "12"
    };

    /** Random texts of pattern words and noise; every one the pattern matches must pass the gate. */
    private static void assertGateAdmitsEveryMatch(Pattern pattern, Predicate<String> gate, String... words) {
        Random random = new Random(11);
        int matched = 0;
        for (int round = 0; round < 100_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(7);
            for (int i = 0; i < pieces; i++) {
                if (i > 0 && random.nextInt(3) > 0) {
                    text.append(' ');
                }
                text.append(
                        random.nextInt(4) == 0
                                ? NOISE[random.nextInt(NOISE.length)]
                                : words[random.nextInt(words.length)]);
            }
            String s = text.toString();
            if (pattern.matcher(s).matches()) {
                matched++;
                assertThat(gate.test(s)).as(s).isTrue();
            }
        }
        assertThat(matched).isGreaterThan(100);
    }

    @Test
    void relatedGateAdmitsEveryRelatedLabel() {
        assertGateAdmitsEveryMatch(
                Furniture.RELATED,
                Furniture::mayBeRelated,
                "baca",
                "Baca",
                "juga",
                "pula",
                "lagi",
                "selanjutnya",
                "lihat",
                "simak",
                "tonton",
                "berita",
                "terkait",
                "artikel",
                "berkaitan",
                "read",
                "Read",
                "also",
                "more",
                "see",
                "related",
                "Related",
                "RELATED",
                "news",
                "stories",
                "articles",
                "\u017Fee",
                "l\u0131hat",
                "Harga",
                "naik");
    }

    @Test
    void otherNewsGateAdmitsEveryHeader() {
        assertGateAdmitsEveryMatch(
                Furniture.OTHER_NEWS_HEADER,
                Furniture::mayBeOtherNewsHeader,
                "berita",
                "Berita",
                "lainnya",
                "lain",
                "terkini",
                "populer",
                "terpopuler",
                "Terpopuler",
                "pilihan",
                "editor",
                "artikel",
                "baca",
                "rekomendasi",
                "other",
                "news",
                "more",
                "stories",
                "most",
                "read",
                "popular",
                "latest",
                "editor's",
                "editors",
                "pick",
                "picks",
                "you",
                "may",
                "also",
                "like",
                "recommended",
                "for",
                "berkaitan",
                "lagi",
                "\u017Ftories",
                "Mo\u017Ft");
    }

    @Test
    void widgetGateAdmitsEveryWidget() {
        assertGateAdmitsEveryMatch(
                Furniture.WIDGET_BLOCK,
                Furniture::mayBeWidget,
                "[ads_1]",
                "[related]",
                "{{token}}",
                "loading",
                "Loading...",
                "a",
                "A",
                "advertisement",
                "iklan",
                "Iklan",
                "scroll",
                "to",
                "continue",
                "with",
                "content",
                "untuk",
                "melanjutkan",
                "nikmati",
                "tanpa",
                "apa",
                "pendapatmu?",
                "simak",
                "selengkapnya",
                "di",
                "ikuti",
                "kami",
                "google news",
                "follow",
                "us",
                "on",
                "share",
                "this",
                "article",
                "bagikan",
                "subscribe",
                "our",
                "newsletter",
                "kurs",
                "usd",
                "15.600",
                "advert",
                "ADVERTIZEMENT",
                "sponsored",
                "explore",
                "further",
                "image",
                "copyright",
                "media",
                "playback",
                "is",
                "unsupported",
                "get",
                "the",
                "latest",
                "inbox",
                "click",
                "tap",
                "here",
                "sign",
                "up",
                "have",
                "tip?",
                "dapatkan",
                "update",
                "whatsapp",
                "langgani",
                "buletin",
                "did",
                "you",
                "like",
                "story?",
                "it",
                "\u017Fhare",
                "\u212Aurs",
                "\u0130klan");
    }

    @Test
    void timestampGateAdmitsEveryTimestamp() {
        assertGateAdmitsEveryMatch(
                Furniture.TIMESTAMP_LINE,
                Furniture::mayBeTimestamp,
                "Monday,",
                "Senin,",
                "Jum'at",
                "12",
                "3",
                "Maret",
                "March",
                "Mar.",
                "2024",
                "2024,",
                "14:30",
                "14.30.05",
                "pukul",
                "WIB",
                "wita",
                "pm",
                "AM",
                "a.m.",
                "P.M.",
                "+07:00",
                "-0530",
                "GMT",
                "utc",
                "Myt",
                "12/03/2024",
                "1-2-24",
                ",",
                "|");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u017Fee also: Harga naik", "L\u0131hat juga: Banjir", " [Baca juga] Harga naik"})
    void charactersThatFoldToAsciiLettersPassTheRelatedGate(String text) {
        assertThat(Furniture.RELATED.matcher(text).matches()).isTrue();
        assertThat(Furniture.mayBeRelated(text)).isTrue();
    }

    @Test
    void aStoryParagraphPassesNoGate() {
        String paragraph = "The ministry said on Monday that exports of processed palm oil rose 12 percent from a year"
                + " earlier, and that shipments to 14 countries reached 2,400 tonnes in 2024.";
        assertThat(Furniture.mayBeRelated(paragraph)).isFalse();
        assertThat(Furniture.mayBeOtherNewsHeader(paragraph)).isFalse();
        assertThat(Furniture.mayBeWidget(paragraph)).isFalse();
        assertThat(Furniture.mayBeTimestamp(paragraph)).isFalse();
    }
}
