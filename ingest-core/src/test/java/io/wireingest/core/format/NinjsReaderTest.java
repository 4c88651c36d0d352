package io.wireingest.core.format;

import static io.wireingest.core.format.Fixtures.altId;
import static io.wireingest.core.format.Fixtures.at;
import static io.wireingest.core.format.Fixtures.signals;
import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import io.wireingest.core.pipeline.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NinjsReaderTest {
    @Test
    void anArrayGivesOneArticlePerTextItem() {
        List<Article> articles = Fixtures.articles("ninjs/array-v3.json");
        assertThat(articles).hasSize(2);
        assertThat(articles)
                .extracting(Article::uri)
                .containsExactly(
                        NormalizeArticle.uri("wire", "urn:wire.example:text:20240720:B771"),
                        NormalizeArticle.uri("wire", "urn:wire.example:text:20240720:B780"));
    }

    @Test
    void mapsNinjs3Fields() {
        Article a = Fixtures.articles("ninjs/array-v3.json").get(0);
        assertThat(at(a, "/wire/source/format")).isEqualTo("ninjs");
        assertThat(a.version()).isEqualTo("2");
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-07-20T16:45:00Z");
        assertThat(at(a, "/firstCreated")).isEqualTo("2024-07-20T15:02:00Z");
        assertThat(at(a, "/urgency")).isEqualTo("2");
        assertThat(at(a, "/slugline")).isEqualTo("Cycling-Tour");
        assertThat(at(a, "/edNote")).isEqualTo("Adds quote from race director.");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Breakaway rider wins mountain stage");
        assertThat(at(a, "/headlines/1/value")).isEqualTo("Leader keeps yellow jersey");
        assertThat(at(a, "/by")).isEqualTo("Jonas Ekberg");
        assertThat(at(a, "/copyrightNotice")).isEqualTo("Copyright 2024 Example Wire");
        assertThat(at(a, "/subjects/0/literal")).isEqualTo("medtop:20000851");
        assertThat(a.html())
                .endsWith("A lone breakaway rider won the first mountain stage on Saturday.</p><p>The race leader"
                        + " finished 40 seconds behind.</p>");
    }

    @Test
    void aCanceledItemIsAKill() {
        Article kill = Fixtures.articles("ninjs/array-v3.json").get(1);
        assertThat(kill.pubStatus()).isEqualTo("canceled");
        assertThat(signals(kill)).containsExactly("kill");
        assertThat(kill.plainText()).isEqualTo("This item is withdrawn.");
    }

    @Test
    void mapsNinjs1LowercaseFieldsAndPlainTextBody() {
        Article a = Fixtures.articles("ninjs/item-v1.json").get(0);
        assertThat(a.uri()).isEqualTo(NormalizeArticle.uri("wire", "http://wire.example/items/20240801-orchard"));
        assertThat(altId(a, "guid")).isEqualTo("wire.example:20240801:orchard");
        assertThat(at(a, "/versionCreated")).isEqualTo("2024-08-01T06:30:00Z");
        assertThat(at(a, "/headlines/0/value")).isEqualTo("Late frost cuts apple harvest");
        assertThat(at(a, "/by")).isEqualTo("By Sofia Brandt");
        assertThat(at(a, "/copyrightHolder")).isEqualTo("Example Wire");
        assertThat(at(a, "/subjects/0/literal")).isEqualTo("04001000");
        assertThat(at(a, "/subjects/0/name")).isEqualTo("agriculture");
        assertThat(a.html())
                .isEqualTo("<p>A late frost in April will cut the apple harvest by a third, growers said on"
                        + " Thursday.</p><p>Prices are expected to rise in the autumn.</p>");
    }

    @Test
    void deeplyNestedJsonIsRefusedAtParse() {
        String deep = "{\"uri\":\"u\",\"headline\":\"h\",\"x\":" + "[".repeat(400) + "]".repeat(400) + "}";
        Rejection r = ((io.wireingest.core.pipeline.Outcome.Rejected) Fixtures.process(
                        deep.getBytes(StandardCharsets.UTF_8), "application/json", "i", Fixtures.RECEIVED))
                .rejection();
        assertThat(r.stage().id()).isEqualTo("parse");
        // found by QA (D4): was malformed-json with Jackson's own words ("StreamReadConstraints.getMaxNestingDepth()")
        assertThat(r.reason()).isEqualTo("too-deep");
        assertThat(r.detail())
                .isEqualTo("JSON arrays and objects are nested more than 256 levels deep (the nesting depth limit)");
        assertThat(r.errorClass()).isNull();
    }

    @Test
    void brokenJsonWithinTheDepthLimitIsStillMalformed() {
        String broken = "{\"uri\":\"u\",\"headline\":\"h\",\"x\":" + "[".repeat(100) + "}";
        Rejection r = ((io.wireingest.core.pipeline.Outcome.Rejected) Fixtures.process(
                        broken.getBytes(StandardCharsets.UTF_8), "application/json", "i", Fixtures.RECEIVED))
                .rejection();
        assertThat(r.stage().id()).isEqualTo("parse");
        assertThat(r.reason()).isEqualTo("malformed-json");
        assertThat(r.detail()).contains("line 1, column");
    }
}
