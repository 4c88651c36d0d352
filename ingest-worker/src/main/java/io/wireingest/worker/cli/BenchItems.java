package io.wireingest.worker.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Realistic raw items for {@code bench}, generated: agency-style plain-text stories and news web pages with site
 * furniture (navigation, scripts, share tools, "read also" links, more-news lists, footers), 2–60 KiB each. Text is
 * assembled from sentences written for this project.
 */
final class BenchItems {
    /** One generated item. */
    record Item(String id, String feed, String contentType, byte[] body) {}

    private static final List<String> PLACES = List.of(
            "JAKARTA",
            "SEOUL",
            "KUALA LUMPUR",
            "SURABAYA",
            "BUSAN",
            "PENANG",
            "MAKASSAR",
            "INCHEON",
            "JOHOR BAHRU",
            "BANDUNG",
            "DAEJEON",
            "KOTA KINABALU");
    private static final List<String> AGENCIES = List.of("ANTARA", "Yonhap", "Bernama");
    private static final List<String> SENTENCES = List.of(
            "The ministry said on %2$s that exports of processed palm oil rose %1$d percent from a year earlier.",
            "Officials expect about %1$d,000 travellers to use the port during the holiday period, %2$s officials said.",
            "The central bank kept its benchmark rate unchanged for the %1$dth consecutive meeting on %2$s.",
            "Police said %1$d people were questioned after the incident, and an investigation was under way on %2$s.",
            "The provincial government has allocated %1$d billion rupiah for road repairs, a spokesman said %2$s.",
            "Rescue teams evacuated %1$d residents from low-lying villages as rivers rose overnight into %2$s.",
            "The company plans to open %1$d new outlets across the region by the end of the year, it said %2$s.",
            "Analysts said the index could test resistance near %1$d points if foreign buying continues into %2$s.",
            "The health office recorded %1$d new dengue cases last week, fewer than the week before, it said %2$s.",
            "Farmers in the district expect to harvest about %1$d tonnes of rice per hectare this season, they said %2$s.",
            "Both leaders agreed to raise bilateral trade to %1$d billion US dollars by 2030, the statement said %2$s.",
            "The national team will play %1$d friendly matches before the qualifiers, the federation said %2$s.",
            "\"We will keep monitoring prices at %1$d traditional markets every day,\" the official told reporters %2$s.",
            "The new terminal can handle %1$d million passengers a year and is due to open on %2$s.");
    private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");

    private final Random random;
    private final int minBytes;
    private final int maxBytes;

    BenchItems(long seed, int minBytes, int maxBytes) {
        this.random = new Random(seed);
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    Item next(int n) {
        int target = minBytes + random.nextInt(Math.max(1, maxBytes - minBytes));
        String agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
        String feed = agency.toLowerCase(java.util.Locale.ROOT) + "-en";
        boolean html = random.nextBoolean();
        String id = feed + "-bench-" + n;
        String place = PLACES.get(random.nextInt(PLACES.size()));
        String headline = "Bench story " + n + ": " + sentence().replaceAll("[.\"]", "");
        if (headline.length() > 90) {
            headline = headline.substring(0, 90);
        }
        if (!html) {
            StringBuilder sb = new StringBuilder(target + 512);
            sb.append(headline).append("\n\n");
            sb.append(place)
                    .append(", March 12 (")
                    .append(agency)
                    .append(") -- ")
                    .append(sentence())
                    .append("\n\n");
            while (sb.length() < target) {
                sb.append(paragraph()).append("\n\n");
            }
            sb.append(agency.equals("Bernama") ? "-- BERNAMA\n" : "(END)\n");
            return new Item(id, feed, "text/plain; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder sb = new StringBuilder(target + 2048);
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(headline)
                .append(" | Sample Portal</title><meta property=\"og:title\" content=\"")
                .append(headline)
                .append("\"><script>var _q=_q||[];_q.push(['track','")
                .append(id)
                .append("']);</script></head><body><header><nav><a href=\"/\">Home</a> <a href=\"/nation\">Nation</a>"
                        + " <a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a></nav></header>"
                        + "<div class=\"ad\">Advertisement</div><main><article><h1>")
                .append(headline)
                .append("</h1><div class=\"byline\">By Staff Reporter</div><div class=\"body\"><p>")
                .append(place)
                .append(", March 12 (")
                .append(agency)
                .append(") -- ")
                .append(sentence())
                .append("</p>");
        int closing = 900;
        while (sb.length() < target - closing) {
            sb.append("<p>").append(paragraph()).append("</p>");
            if (random.nextInt(8) == 0) {
                sb.append("<p><strong>Read also:</strong> <a href=\"/news/")
                        .append(random.nextInt(100000))
                        .append("\">")
                        .append(sentence().replaceAll("[.\"]", ""))
                        .append("</a></p>");
            }
        }
        sb.append("</div><div class=\"share\"><a href=\"#\">Facebook</a> <a href=\"#\">X</a> <a href=\"#\">WhatsApp"
                + "</a></div></article><aside><h3>More News</h3><ul>");
        for (int i = 0; i < 5; i++) {
            sb.append("<li><a href=\"/m/")
                    .append(i)
                    .append("\">")
                    .append(sentence().substring(0, 40))
                    .append("</a></li>");
        }
        sb.append("</ul></aside></main><footer>© 2026 Sample Portal. <a href=\"/privacy\">Privacy</a></footer>"
                + "</body></html>");
        return new Item(id, feed, "text/html; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String paragraph() {
        StringBuilder p = new StringBuilder();
        int n = 2 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                p.append(' ');
            }
            p.append(sentence());
        }
        return p.toString();
    }

    private String sentence() {
        String template = SENTENCES.get(random.nextInt(SENTENCES.size()));
        return String.format(template, 2 + random.nextInt(97), DAYS.get(random.nextInt(DAYS.size())));
    }
}
