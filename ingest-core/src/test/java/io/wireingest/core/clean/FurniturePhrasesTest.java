package io.wireingest.core.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page furniture that arrives as whole blocks from web pages, and sentences that only look like it. */
class FurniturePhrasesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Advertisement",
                "ADVERT",
                "Sponsored content",
                "Explore further",
                "Image copyright Reuters Image caption Crowds outside the court",
                "Media playback is unsupported on your device",
                "Get the latest updates right in your inbox. Subscribe to the Daily Courier.",
                "Have a tip? Our reporters can be reached at news@example.org.",
                "Like this story? Share it with a friend!",
                "Dapatkan update berita pilihan setiap hari di Google News",
                "Ikuti kami di Telegram dan WhatsApp untuk berita terkini."
            })
    void wholeBlocksOfFurnitureAreRecognized(String block) {
        assertThat(Furniture.WIDGET_BLOCK.matcher(block).matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Advertisement spending rose 4% in March, the agency said.",
                "Image rights were at the heart of the dispute, the court heard.",
                "Iklan rokok dilarang di jalan protokol mulai tahun depan, kata wali kota.",
                "She said she would like this story to be told in schools."
            })
    void sentencesThatStartLikeFurnitureStay(String block) {
        assertThat(Furniture.WIDGET_BLOCK.matcher(block).matches()).isFalse();
    }
}
