package io.wireingest.core.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleSafelistTest {
    /** checksProtocol says exactly when jsoup's Cleaner makes a relative URL absolute. */
    @ParameterizedTest
    @CsvSource({
        "a, href, true",
        "img, src, true",
        "blockquote, cite, true",
        "q, cite, true",
        "a, title, false",
        "img, alt, false",
        "abbr, title, false",
        "time, datetime, false"
    })
    void checksProtocolWhereTheCleanerMakesUrlsAbsolute(String tag, String attribute, boolean checked) {
        Document dirty = Jsoup.parseBodyFragment(
                "<" + tag + " " + attribute + "=\"rel/x\">x</" + tag + ">", "https://wire.example/news/");
        Document clean = new Cleaner(ArticleSafelist.create()).clean(dirty);
        String value = clean.body().child(0).attr(attribute);
        assertThat(value).isEqualTo(checked ? "https://wire.example/news/rel/x" : "rel/x");
        assertThat(ArticleSafelist.checksProtocol(tag, attribute)).isEqualTo(checked);
    }
}
