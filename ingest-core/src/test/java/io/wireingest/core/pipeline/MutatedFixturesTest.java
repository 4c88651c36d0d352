package io.wireingest.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.testing.ArticleSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Property-style robustness test: our own fixtures, mutated at random (deterministic seed, bounded iterations), go
 * through the whole pipeline. It never throws; every outcome is schema-valid articles without active content, or a
 * rejection with a stage, a reason and a detail, and never an {@code internal-error} (a crash is a bug).
 */
class MutatedFixturesTest {
    private static final Instant AT = Instant.parse("2024-06-14T10:00:00Z");
    /** Mutants per fixture; {@code -Dwire.fuzz.mutants=N} and {@code -Dwire.fuzz.seed=S} explore further by hand. */
    private static final int MUTANTS_PER_FIXTURE = Integer.getInteger("wire.fuzz.mutants", 30);

    private static final long SEED = Long.getLong("wire.fuzz.seed", 20241202L);

    private static final List<String> FIXTURES = List.of(
            "/formats/nitf/harbour-story.xml",
            "/formats/nitf/harbour-kill.xml",
            "/formats/newsml-g2/message.xml",
            "/formats/newsml-g2/item-canceled.xml",
            "/formats/newsml-1/newsml.xml",
            "/formats/feeds/rss.xml",
            "/formats/feeds/atom.xml",
            "/formats/anpa-1312/lake-cafe.tst",
            "/formats/anpa-1312/lake-cafe-writethru.tst",
            "/formats/iptc-7901/norway-wind.txt",
            "/formats/ninjs/array-v3.json",
            "/formats/ninjs/item-v1.json");

    private static final String HTML_ITEM = "<html><head><title>Banjir di Bandung</title></head><body><article>"
            + "<h1>Banjir rendam ratusan rumah di Bandung</h1>"
            + "<p>Bandung (ANTARA) - Banjir merendam ratusan rumah di Bandung pada Senin (3/6), kata petugas.</p>"
            + "<p>Warga mengungsi ke masjid terdekat <a href=\"https://example.org/x\">sejak pagi</a>.</p>"
            + "<p>Baca juga: <a href=\"https://example.org/y\">Hujan deras diperkirakan berlanjut</a></p>"
            + "<p>Pewarta: Rina Hartono<br>Editor: Agus Salim</p>"
            + "<p>Copyright © ANTARA 2024</p></article></body></html>";

    private static final String TEXT_ITEM = "Seoul (ANTARA) - Korea Selatan mencatat ekspor naik pada Mei, kata"
            + " kementerian perdagangan pada Sabtu.\n\nEkspor semikonduktor naik tajam, menurut Yonhap.\n\n"
            + "Sumber: Yonhap-OANA\n\nPewarta: Rina Hartono\nEditor: Agus Salim\n\nCopyright © ANTARA 2024\n";

    private static final Pattern TAG = Pattern.compile("<[A-Za-z][^<>]{0,200}>|</[A-Za-z][^<>]{0,60}>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s[A-Za-z:-]+=\"");

    @Test
    void mutatedFixturesNeverCrashAndNeverEmitInvalidOrActiveArticles() throws IOException {
        IngestPipeline pipeline = IngestPipeline.create();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        List<Seed> seeds = new ArrayList<>();
        for (String name : FIXTURES) {
            seeds.add(new Seed(name, null, resource(name)));
        }
        seeds.add(new Seed("html-item", "text/html; charset=utf-8", HTML_ITEM.getBytes(StandardCharsets.UTF_8)));
        seeds.add(new Seed("text-item", "text/plain; charset=utf-8", TEXT_ITEM.getBytes(StandardCharsets.UTF_8)));
        int runs = 0;
        for (Seed seed : seeds) {
            check(pipeline, seed.name + " (unmutated)", seed.contentType, seed.bytes, failures);
            for (int i = 0; i < MUTANTS_PER_FIXTURE; i++) {
                int kind = random.nextInt(MUTATIONS);
                byte[] mutant = mutate(seed.bytes, kind, random);
                check(pipeline, seed.name + " mutation " + kind + " #" + i, seed.contentType, mutant, failures);
                runs++;
            }
        }
        assertThat(runs).isEqualTo(seeds.size() * MUTANTS_PER_FIXTURE);
        assertThat(failures).isEmpty();
    }

    private record Seed(String name, String contentType, byte[] bytes) {}

    private static void check(
            IngestPipeline pipeline, String label, String contentType, byte[] body, List<String> failures) {
        Outcome outcome;
        long started = System.nanoTime();
        try {
            outcome = pipeline.process(RawItem.of("fuzz-1", "wire", contentType, AT, body));
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (ms > 1000) {
                // reported, not asserted (no timing assertions): a slow mutant is a lead to follow by hand
                System.out.println("slow mutant: " + label + " took " + ms + " ms, " + body.length + " bytes, "
                        + outcome.stageNanos());
            }
        } catch (Throwable t) {
            failures.add(label + ": threw " + shorten(t.toString()));
            return;
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            Rejection r = rejected.rejection();
            if (r.reason().isBlank() || r.detail().isBlank()) {
                failures.add(label + ": blank rejection " + r);
            }
            if ("internal-error".equals(r.reason())) {
                failures.add(label + ": internal error " + shorten(r.toString()));
            }
            return;
        }
        for (Article article : ((Outcome.Normalized) outcome).articles()) {
            try {
                ArticleSchemas.assertValid(article);
            } catch (AssertionError e) {
                failures.add(label + ": invalid article " + shorten(e.getMessage()));
            }
            String active = activeContent(article.html());
            if (active != null) {
                failures.add(label + ": active content " + active);
            }
        }
    }

    /** A message cut to a readable length, keeping its end (where schema problems are listed). */
    private static String shorten(String message) {
        String m = String.valueOf(message).replaceAll("(.)\\1{40,}", "$1$1$1…");
        return m.length() <= 600 ? m : m.substring(0, 200) + " … " + m.substring(m.length() - 400);
    }

    /** The first piece of active content in the HTML, or null. */
    static String activeContent(String html) {
        if (html == null) {
            return null;
        }
        for (Element e : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            String tag = e.normalName();
            if (List.of(
                            "script",
                            "style",
                            "iframe",
                            "object",
                            "embed",
                            "frame",
                            "frameset",
                            "form",
                            "input",
                            "svg",
                            "math",
                            "base",
                            "meta",
                            "link")
                    .contains(tag)) {
                return "<" + tag + ">";
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase();
                String value = a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase();
                if (key.startsWith("on") || key.equals("style") || key.equals("srcdoc")) {
                    return tag + "@" + key;
                }
                if (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:")) {
                    return tag + "@" + key + "=" + a.getValue();
                }
            }
            if ("a".equals(tag) && e.hasAttr("href") && !e.attr("rel").contains("nofollow")) {
                return "link without rel=nofollow: " + e.outerHtml();
            }
        }
        return null;
    }

    private static final int MUTATIONS = 9;

    static byte[] mutate(byte[] in, int kind, Random random) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        switch (kind) {
            case 0 -> { // truncation
                return java.util.Arrays.copyOf(in, random.nextInt(Math.max(1, in.length)));
            }
            case 1 -> { // random byte flips
                byte[] out = in.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && out.length > 0; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                return out;
            }
            case 2 -> { // a tag duplicated
                List<int[]> tags = spans(TAG, text);
                if (tags.isEmpty()) {
                    return mutate(in, 1, random);
                }
                int[] t = tags.get(random.nextInt(tags.size()));
                String tag = text.substring(t[0], t[1]);
                return latin1(text.substring(0, t[1]) + tag.repeat(1 + random.nextInt(3)) + text.substring(t[1]));
            }
            case 3 -> { // a tag removed
                List<int[]> tags = spans(TAG, text);
                if (tags.isEmpty()) {
                    return mutate(in, 0, random);
                }
                int[] t = tags.get(random.nextInt(tags.size()));
                return latin1(text.substring(0, t[0]) + text.substring(t[1]));
            }
            case 4 -> { // a huge attribute value
                List<int[]> attrs = spans(ATTRIBUTE, text);
                String huge = "x".repeat(50_000 + random.nextInt(200_000));
                if (attrs.isEmpty()) {
                    int at = random.nextInt(Math.max(1, text.length()));
                    return latin1(text.substring(0, at) + huge + text.substring(at));
                }
                int[] a = attrs.get(random.nextInt(attrs.size()));
                return latin1(text.substring(0, a[1]) + huge + text.substring(a[1]));
            }
            case 5 -> { // deep nesting around a tag's position
                List<int[]> tags = spans(TAG, text);
                int depth = 300 + random.nextInt(3000);
                String name = List.of("div", "p", "b", "block", "span").get(random.nextInt(5));
                int at = tags.isEmpty()
                        ? random.nextInt(Math.max(1, text.length()))
                        : tags.get(random.nextInt(tags.size()))[1];
                return latin1(text.substring(0, at)
                        + ("<" + name + ">").repeat(depth)
                        + "nested"
                        + ("</" + name + ">").repeat(depth)
                        + text.substring(at));
            }
            case 6 -> { // hostile markup injected in text
                List<String> vectors = List.of(
                        "<script>alert(1)</script>",
                        "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "<img src=x onerror=alert(1)>",
                        "<a href=\"javascript:alert(1)\">x</a>",
                        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
                        "<iframe src=\"data:text/html;base64,PHNjcmlwdD4=\"></iframe>",
                        "<svg onload=alert(1)>",
                        "<![CDATA[<script>alert(1)</script>]]>",
                        "\"><style>*{x:expression(alert(1))}</style>");
                int at = random.nextInt(Math.max(1, text.length()));
                return latin1(text.substring(0, at) + vectors.get(random.nextInt(vectors.size())) + text.substring(at));
            }
            case 7 -> { // a slice duplicated (repeated elements, repeated takes)
                int from = random.nextInt(Math.max(1, text.length()));
                int to = Math.min(text.length(), from + random.nextInt(2000));
                return latin1(text.substring(0, to) + text.substring(from, to).repeat(2) + text.substring(to));
            }
            default -> { // a slice removed
                int from = random.nextInt(Math.max(1, text.length()));
                int to = Math.min(text.length(), from + random.nextInt(500));
                return latin1(text.substring(0, from) + text.substring(to));
            }
        }
    }

    private static List<int[]> spans(Pattern pattern, String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MutatedFixturesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
