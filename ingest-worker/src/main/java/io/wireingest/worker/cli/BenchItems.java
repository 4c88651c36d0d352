package io.wireingest.worker.cli;

import io.wireingest.core.model.RawItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Realistic raw items for {@code bench}, generated: agency-style plain-text stories and news web pages with site
 * furniture (head scripts, navigation, share tools, "read also" links, more-news lists, footers), 2–60 KiB each. As
 * in real traffic, a page is mostly furniture around a story of a few KiB, and agency stories are mostly short (sizes
 * skewed towards the minimum). Text is assembled from sentences written for this project.
 */
final class BenchItems {
    /** One generated item. */
    record Item(String id, String feed, String contentType, byte[] body) {
        /** This item as the pipeline's input, received at {@code receivedAt}. */
        RawItem raw(Instant receivedAt) {
            return RawItem.of(id, feed, contentType, receivedAt, body);
        }
    }

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
    private static final List<String> SECTIONS =
            List.of("nation", "business", "sport", "world", "metro", "lifestyle", "tech", "opinion");
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
            // Agency copy is short: sizes are log-normal from the minimum, median about 2.2x the minimum (4.5 KiB at
            // 2 KiB), mean about 3.6x (the agency files in ../shared average 6.3 KB), a long tail to the maximum
            // (digests, results, features).
            int target = (int) Math.min(maxBytes, minBytes * Math.exp(Math.abs(random.nextGaussian()) * 1.2));
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
        // A news page is mostly site furniture: the story itself is 1.5-8 KiB of text, the rest of the page is head
        // scripts and styles, menus, link lists and footers (pages of the extraction benchmark in ../shared average
        // 188 KB for 9 KB of article text).
        int target = minBytes + random.nextInt(Math.max(1, maxBytes - minBytes));
        int storyBytes = Math.min(target * 3 / 4, 1536 + random.nextInt(6656));
        StringBuilder sb = new StringBuilder(target + 4096);
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(headline)
                .append(" | Sample Portal</title><meta property=\"og:title\" content=\"")
                .append(headline)
                .append("\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"stylesheet\" href=\"/static/site.css\"><script>var _q=_q||[];_q.push(['track','")
                .append(id)
                .append("']);</script>");
        int furniture = Math.max(0, target - storyBytes - 1200);
        int headShare = furniture * (1 + random.nextInt(3)) / 6; // inline scripts, styles and data in the head
        appendScripts(sb, headShare);
        sb.append("</head><body class=\"article-page\"><header class=\"site-header\"><div class=\"logo\">")
                .append("<a href=\"/\"><img src=\"/static/logo.svg\" alt=\"Sample Portal\"></a></div>");
        int menuShare = (furniture - headShare) / 3;
        appendMenu(sb, "nav", "main-menu", menuShare);
        sb.append("</header><div class=\"ad ad-top\">Advertisement</div><main><div class=\"container\">")
                .append(
                        "<div class=\"breadcrumb\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/nation\">Nation</a></div>")
                .append("<article><h1>")
                .append(headline)
                .append("</h1><div class=\"byline\">By Staff Reporter</div><div class=\"date\">Thursday, 12 March")
                .append(" 2026 14:05 WIB</div><div class=\"body\"><p>")
                .append(place)
                .append(", March 12 (")
                .append(agency)
                .append(") -- ")
                .append(sentence())
                .append("</p>");
        int storyEnd = sb.length() + storyBytes;
        while (sb.length() < storyEnd) {
            sb.append("<p>").append(paragraph()).append("</p>");
            if (random.nextInt(6) == 0) {
                sb.append("<p><strong>Read also:</strong> <a href=\"/news/")
                        .append(random.nextInt(100000))
                        .append("\">")
                        .append(sentence().replaceAll("[.\"]", ""))
                        .append("</a></p>");
            }
        }
        sb.append("</div><div class=\"tags\"><a href=\"/tag/economy\">economy</a> <a href=\"/tag/")
                .append(place.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))
                .append("\">")
                .append(place)
                .append("</a></div><div class=\"share\"><a href=\"#\">Facebook</a> <a href=\"#\">X</a> ")
                .append("<a href=\"#\">WhatsApp</a></div></article><aside class=\"sidebar\"><h3>More News</h3>");
        int remaining = Math.max(0, target - sb.length() - 600);
        appendMenu(sb, "div", "most-read", remaining / 2);
        sb.append("<div class=\"ad ad-side\">Advertisement</div></aside></div></main><footer>");
        appendMenu(sb, "div", "footer-links", Math.max(0, target - sb.length() - 300));
        sb.append("<p>© 2026 Sample Portal. <a href=\"/privacy\">Privacy</a></p></footer>")
                .append("<script src=\"/static/app.js\" async></script></body></html>");
        return new Item(id, feed, "text/html; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Inline scripts of about {@code bytes}: one JSON-LD block, then trackers, ad set-up and styles. */
    private void appendScripts(StringBuilder sb, int bytes) {
        int end = sb.length() + bytes;
        sb.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",")
                .append("\"@type\":\"NewsArticle\",\"publisher\":{\"@type\":\"Organization\",\"name\":")
                .append("\"Sample Portal\"},\"datePublished\":\"2026-03-12T14:05:00+07:00\",\"image\":")
                .append("[\"https://img.example.org/")
                .append(random.nextInt(1000000))
                .append(".jpg\"]}</script>");
        int i = 0;
        while (sb.length() < end) {
            if (i++ % 2 == 0) {
                sb.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(")
                        .append("arguments)}gtag('js',new Date());gtag('config','G-")
                        .append(100000 + random.nextInt(900000))
                        .append("',{page_path:location.pathname,section:'nation',tags:['economy','region']});")
                        .append("googletag.cmd.push(function(){googletag.defineSlot('/2104/portal/article',[[300,250],")
                        .append("[336,280]],'div-gpt-ad-")
                        .append(random.nextInt(100000))
                        .append("').addService(googletag.pubads());googletag.enableServices();});</script>");
            } else {
                sb.append("<style>.slot-")
                        .append(random.nextInt(1000))
                        .append("{display:block;margin:0 auto;min-height:250px}.nav a{padding:4px 8px;color:#1a1a1a}")
                        .append(".sidebar li{border-bottom:1px solid #eee;font-size:14px}</style>");
            }
        }
    }

    /** A block of links (menus, "most read", footer columns) of about {@code bytes}. */
    private void appendMenu(StringBuilder sb, String tag, String cssClass, int bytes) {
        int end = sb.length() + bytes;
        sb.append('<').append(tag).append(" class=\"").append(cssClass).append("\"><ul>");
        while (sb.length() < end) {
            String title = sentence();
            sb.append("<li><a href=\"/")
                    .append(SECTIONS.get(random.nextInt(SECTIONS.size())))
                    .append('/')
                    .append(random.nextInt(1000000))
                    .append("\">")
                    .append(title, 0, Math.min(title.length(), 24 + random.nextInt(40)))
                    .append("</a></li>");
        }
        sb.append("</ul></").append(tag).append('>');
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
