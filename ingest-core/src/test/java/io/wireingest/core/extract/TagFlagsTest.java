package io.wireingest.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.core.format.HtmlBlocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagFlagsTest {
    private static final List<Set<String>> SETS = List.of(
            ExtractArticle.SKIP,
            ExtractArticle.LEAF_BLOCKS,
            Set.of("header", "footer", "aside"),
            Set.of("article", "div", "section", "li"),
            HtmlBlocks.SKIP);

    @Test
    void answersWhatTheSetsAnswerForTheirNamesAndOthers() {
        TagFlags table = TagFlags.of(SETS);
        List<String> names = new ArrayList<>();
        SETS.forEach(names::addAll);
        Collections.addAll(
                names, "a", "span", "b", "i", "em", "strong", "img", "br", "tr", "td", "html", "body", "form", "main");
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            char[] name = new char[1 + random.nextInt(6)];
            for (int j = 0; j < name.length; j++) {
                name[j] = (char) ('a' + random.nextInt(26));
            }
            names.add(new String(name));
        }
        for (String name : names) {
            // A copy as well: a page's unknown tag names are strings of their own, not the sets' constants.
            for (String probe : List.of(name, new String(name.toCharArray()))) {
                assertThat(table.get(probe)).as(probe).isEqualTo(expected(probe));
            }
        }
    }

    @Test
    void aNameInSeveralSetsHasEachSetsBit() {
        TagFlags table = TagFlags.of(List.of(Set.of("script", "p"), Set.of("p"), Set.of(), Set.of("p", "q")));
        assertThat(table.get("p")).isEqualTo(0b1011);
        assertThat(table.get("script")).isEqualTo(0b0001);
        assertThat(table.get("q")).isEqualTo(0b1000);
        assertThat(table.get("div")).isZero();
        assertThat(table.get("")).isZero();
    }

    @Test
    void anEmptyTableAnswersZero() {
        assertThat(TagFlags.of(List.of()).get("p")).isZero();
    }

    @Test
    void refusesMoreSetsThanBits() {
        assertThatThrownBy(() -> TagFlags.of(Collections.nCopies(33, Set.of("p"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int expected(String name) {
        int bits = 0;
        for (int i = 0; i < SETS.size(); i++) {
            if (SETS.get(i).contains(name)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }
}
