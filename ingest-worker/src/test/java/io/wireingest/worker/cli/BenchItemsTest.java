package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchItemsTest {
    private static List<BenchItems.Item> items(long seed, int n) {
        BenchItems generator = new BenchItems(seed, 2048, 60 * 1024);
        List<BenchItems.Item> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(generator.next(i));
        }
        return list;
    }

    @Test
    void sizesStayInTheRangeAndAgencyCopyIsMostlyShort() {
        List<BenchItems.Item> items = items(42, 400);
        long html = items.stream()
                .filter(i -> i.contentType().startsWith("text/html"))
                .count();
        assertThat(html).isBetween(150L, 250L);
        for (BenchItems.Item item : items) {
            // a page or story is filled paragraph by paragraph, so it may end a little past the target
            assertThat(item.body().length).isBetween(2048, 60 * 1024 + 2048);
        }
        int[] text = items.stream()
                .filter(i -> i.contentType().startsWith("text/plain"))
                .mapToInt(i -> i.body().length)
                .sorted()
                .toArray();
        assertThat(text[text.length / 2]).isLessThan(8 * 1024);
        assertThat(text[text.length - 1]).isGreaterThan(12 * 1024);
    }

    @Test
    void theSameSeedGivesTheSameItems() {
        List<BenchItems.Item> a = items(7, 20);
        List<BenchItems.Item> b = items(7, 20);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Arrays.equals(a.get(i).body(), b.get(i).body())).isTrue();
        }
    }

    @Test
    void pagesAreMostlyFurnitureAndThePipelineKeepsOnlyTheStory() {
        IngestPipeline pipeline = IngestPipeline.create();
        int pages = 0;
        for (BenchItems.Item item : items(42, 60)) {
            if (!item.contentType().startsWith("text/html") || item.body().length < 30 * 1024) {
                continue;
            }
            pages++;
            String page = new String(item.body(), StandardCharsets.UTF_8);
            Outcome outcome = pipeline.process(item.raw(Instant.now()));
            assertThat(outcome).isInstanceOf(Outcome.Normalized.class);
            Article article = ((Outcome.Normalized) outcome).articles().get(0);
            String text = article.plainText();
            assertThat(text.length()).isBetween(1000, page.length() / 2); // the story is at least 1.5 KiB of markup
            assertThat(text).contains(" said ").doesNotContain("gtag", "More News", "Advertisement", "Read also");
        }
        assertThat(pages).isPositive();
    }
}
