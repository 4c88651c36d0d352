package io.wireingest.core.dateline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.testing.ArticleSchemas;
import io.wireingest.core.testing.SharedCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Requirement 6 of the datelines issue: every entry of {@code ../shared/corpus/datelines/dev.json} (real dateline,
 * credit and timestamp strings) goes through the real pipeline as a small text item, and the accuracy per field is
 * printed; it must be 100%. Skips when the shared folder is absent.
 *
 * <p>How each kind becomes an item, as it stands in real copy:
 *
 * <ul>
 *   <li>{@code dateline}: the string, then a plain sentence of ours, as one paragraph. Graded: {@code location}
 *       (wire.dateline.place), {@code country} (wire.dateline.country when the dateline prints it, i.e. it occurs in
 *       wire.dateline.text; a country from the gazetteer is not "printed"), {@code agency}, {@code date_text},
 *       {@code expected_date} (wire.dateline.date, against {@code received_at}).
 *   <li>{@code credit}: a sentence paragraph and the credit on its own line (a byline {@code By …} before the
 *       sentence, where bylines stand; any other credit after it). A credit that names nobody's agency ({@code
 *       Editor: …}, a Reuters byline) can only be attributed from its context, so the item comes from a feed named
 *       after the agency whose copy the credit sits in ({@code agency} is that context). Graded: {@code agency} (an end of
 *       wire.attribution.chain: the originator the credit names, or the publisher whose copy it sits in), {@code date_text} (the year the credit prints, read from
 *       ninjs copyrightNotice when the credit was read as the copyright notice), {@code location}/{@code country}
 *       (no dateline is made of a credit); and the credit must be gone from the body.
 *   <li>{@code timestamp}: inside the lead sentence of a story whose dateline has no date ({@code … pada <ts>.}),
 *       where such timestamps date a story. Graded: {@code date_text} (wire.dateline.dateText) and
 *       {@code expected_date} when given.
 * </ul>
 */
class DatelineEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IngestPipeline PIPELINE = IngestPipeline.create();
    private static final Instant DEFAULT_RECEIVED = Instant.parse("2024-06-15T03:00:00Z");
    private static final List<String> FIELDS = List.of("location", "country", "agency", "date_text", "expected_date");

    @Test
    void everyDevEntryIsReadRight() throws Exception {
        Path file = SharedCorpus.require("corpus/datelines/dev.json");
        JsonNode items =
                JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("items");
        Map<String, int[]> score = new LinkedHashMap<>();
        FIELDS.forEach(f -> score.put(f, new int[2]));
        score.put("credit_removed", new int[2]);
        List<String> misses = new ArrayList<>();
        int n = 0;
        for (JsonNode item : items) {
            n++;
            String kind = item.path("kind").asText("dateline");
            String text = item.path("text").asText();
            JsonNode article = run(item, kind, text, n).json();
            ArticleSchemas.assertValidArticleJson(article.toString());
            JsonNode dl = article.path("wire").path("dateline");
            JsonNode chain = article.path("wire").path("attribution").path("chain");
            Map<String, String> actual = new LinkedHashMap<>();
            switch (kind) {
                case "credit" -> {
                    actual.put("location", str(dl.path("place")));
                    actual.put("country", str(dl.path("country")));
                    // The credit is attributed to an agency when that agency ends the chain it yields: as the
                    // originator ("Sumber: Yonhap-OANA" gives Yonhap) or as the publisher whose copy it sits in.
                    String expectedAgency = str(item.path("agency"));
                    String first = chain.isEmpty() ? null : str(chain.get(0).path("name"));
                    String last = chain.isEmpty()
                            ? null
                            : str(chain.get(chain.size() - 1).path("name"));
                    actual.put("agency", expectedAgency != null && expectedAgency.equals(first) ? first : last);
                    String notice = str(article.path("copyrightNotice"));
                    String year = null;
                    if (text.equals(notice)) {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(?:19|20)\\d{2}\\b")
                                .matcher(notice);
                        year = m.find() ? m.group() : null;
                    }
                    actual.put("date_text", year);
                    String body = article.path("bodies").get(1).path("value").asText();
                    grade(score, misses, n, text, "credit_removed", "true", String.valueOf(!body.contains(text)));
                }
                case "timestamp" -> {
                    actual.put("date_text", str(dl.path("dateText")));
                }
                default -> {
                    actual.put("location", str(dl.path("place")));
                    String country = str(dl.path("country"));
                    actual.put(
                            "country",
                            country != null && dl.path("text").asText().contains(country) ? country : null);
                    actual.put("agency", str(dl.path("agency")));
                    actual.put("date_text", str(dl.path("dateText")));
                }
            }
            if (item.hasNonNull("expected_date")) {
                actual.put("expected_date", str(dl.path("date")));
            }
            for (String field : FIELDS) {
                if (!actual.containsKey(field)) {
                    continue;
                }
                String expected =
                        field.equals("expected_date") ? str(item.path("expected_date")) : str(item.path(field));
                grade(score, misses, n, text, field, expected, actual.get(field));
            }
        }
        StringBuilder report = new StringBuilder("dateline evaluation on dev.json (" + n + " entries)\n");
        score.forEach((field, s) -> report.append(String.format(
                Locale.ROOT,
                "  %-15s %3d/%-3d %6.1f%%%n",
                field,
                s[0],
                s[1],
                s[1] == 0 ? 100.0 : 100.0 * s[0] / s[1])));
        misses.forEach(m -> report.append("  MISS ").append(m).append('\n'));
        System.out.print(report);
        assertThat(misses).as(report.toString()).isEmpty();
    }

    private static void grade(
            Map<String, int[]> score,
            List<String> misses,
            int n,
            String text,
            String field,
            String expected,
            String actual) {
        int[] s = score.get(field);
        s[1]++;
        if (Objects.equals(expected, actual)) {
            s[0]++;
        } else {
            misses.add("#" + n + " " + field + " of \"" + text + "\": expected " + expected + ", got " + actual);
        }
    }

    private static Article run(JsonNode item, String kind, String text, int n) {
        String language = item.path("language").asText("en");
        String sentence = switch (language) {
            case "id" -> "Pemerintah mengatakan pembahasan anggaran akan dilanjutkan pekan depan.";
            case "ms" -> "Kerajaan berkata perbincangan bajet akan disambung minggu depan.";
            default -> "Officials said the budget talks would resume next week.";
        };
        String content;
        String feed = "evaluation";
        switch (kind) {
            case "credit" -> {
                content = text.startsWith("By ") ? text + "\n" + sentence : sentence + "\n" + text;
                if (item.hasNonNull("agency")) {
                    feed = item.path("agency").asText().toLowerCase(Locale.ROOT) + "-feed";
                }
            }
            case "timestamp" ->
                content = switch (language) {
                    case "id" -> "Denpasar (ANTARA) - Petugas mencatat gempa vulkanik pada " + text + ".";
                    case "ms" -> "KUALA LUMPUR (Bernama) -- Pegawai merekodkan gegaran itu pada " + text + ".";
                    default -> "JAKARTA (Reuters) - Officials recorded the tremor on " + text + ".";
                };
            default -> content = text + " " + sentence;
        }
        Instant received = item.hasNonNull("received_at")
                ? Instant.parse(item.path("received_at").asText())
                : DEFAULT_RECEIVED;
        RawItem raw = RawItem.of(
                "dev-" + n, feed, "text/plain; charset=utf-8", received, content.getBytes(StandardCharsets.UTF_8));
        Outcome outcome = PIPELINE.process(raw);
        assertThat(outcome).as("item for \"" + text + "\"").isInstanceOf(Outcome.Normalized.class);
        return ((Outcome.Normalized) outcome).article();
    }

    private static String str(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
