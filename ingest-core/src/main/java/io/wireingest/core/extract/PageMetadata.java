package io.wireingest.core.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What an article page says about itself outside its body: JSON-LD ({@code NewsArticle}, {@code Article},
 * {@code BlogPosting}, ... with {@code headline}, {@code author}, {@code datePublished}, {@code dateModified},
 * {@code articleBody}), Open Graph and {@code article:} meta, {@code itemprop} microdata, {@code <html lang>}. Every
 * field is null when the page does not say it or says it unreadably.
 *
 * @param headline the article's headline
 * @param byline the author names, comma-separated
 * @param published when the article was first published
 * @param modified when it was last modified
 * @param language the declared language (BCP 47)
 * @param description the page's summary
 * @param articleBody the plain text of JSON-LD {@code articleBody}, when the page has one
 */
public record PageMetadata(
        String headline,
        String byline,
        Instant published,
        Instant modified,
        String language,
        String description,
        String articleBody) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private static final Set<String> ARTICLE_TYPES = Set.of(
            "newsarticle",
            "article",
            "blogposting",
            "reportagenewsarticle",
            "analysisnewsarticle",
            "opinionnewsarticle",
            "reviewnewsarticle",
            "backgroundnewsarticle",
            "socialmediaposting",
            "liveblogposting",
            "techarticle",
            "scholarlyarticle",
            "report",
            "webpage");

    private static final DateTimeFormatter LENIENT_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Reads the metadata of a parsed page. Never throws for bad metadata: unreadable values are left out. */
    public static PageMetadata read(Document doc) {
        Found found = new Found();
        collect(doc, found, 0);
        return from(doc, found);
    }

    /** The metadata in elements already gathered by a walk of the page (the extractor's own walk). */
    static PageMetadata from(Document doc, Found found) {
        Builder b = new Builder();
        for (Element script : found.jsonLd) {
            readJsonLd(script.data(), b);
        }
        for (Element meta : found.meta) {
            String key = meta.hasAttr("property") ? meta.attr("property") : meta.attr("name");
            if (key.isEmpty()) {
                key = meta.attr("itemprop");
            }
            String content = meta.attr("content").strip();
            if (key.isEmpty() || content.isEmpty()) {
                continue;
            }
            switch (key.toLowerCase(Locale.ROOT)) {
                case "og:title", "twitter:title" -> b.metaTitle = first(b.metaTitle, content);
                case "headline" -> b.headline = first(b.headline, content);
                case "author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author" -> {
                    if (!content.startsWith("http") && !content.contains("/")) {
                        b.metaAuthor = first(b.metaAuthor, content.replaceFirst("(?i)^by\\s+", ""));
                    }
                }
                case "article:published_time",
                        "datepublished",
                        "pubdate",
                        "publishdate",
                        "date",
                        "dc.date.issued",
                        "og:published_time",
                        "sailthru.date",
                        "parsely-pub-date" -> b.published = first(b.published, instant(content));
                case "article:modified_time", "datemodified", "og:updated_time", "lastmod" ->
                    b.modified = first(b.modified, instant(content));
                case "og:description", "description", "twitter:description" ->
                    b.description = first(b.description, content);
                case "og:locale" -> b.locale = first(b.locale, content.replace('_', '-'));
                default -> {}
            }
        }
        if (b.published == null && found.time != null) {
            b.published = instant(found.time.attr("datetime"));
        }
        Element html = doc.firstElementChild();
        String lang = html == null ? "" : html.attr("lang").strip();
        String language = !lang.isEmpty() ? lang : b.inLanguage != null ? b.inLanguage : b.locale;
        String headline = b.headline != null ? b.headline : b.metaTitle;
        if (headline == null) {
            if (found.h1 != null && !found.h1.text().isBlank()) {
                headline = found.h1.text();
            } else if (found.title != null && !found.title.text().isBlank()) {
                headline = found.title.text();
            }
        }
        String byline = b.authors.isEmpty() ? b.metaAuthor : String.join(", ", b.authors);
        return new PageMetadata(
                squash(headline),
                squash(byline),
                b.published,
                b.modified,
                squash(language),
                squash(b.description),
                b.articleBody);
    }

    /** The elements metadata is read from, gathered in one walk of the page (cheaper than one query per kind). */
    static final class Found {
        final List<Element> jsonLd = new ArrayList<>();
        final List<Element> meta = new ArrayList<>();
        Element time;
        Element h1;
        Element title;

        /** Notes an element if metadata is read from it. */
        void see(Element e, String tag) {
            switch (tag) {
                case "script" -> {
                    if (e.attr("type").regionMatches(true, 0, "application/ld+json", 0, 19)) {
                        jsonLd.add(e);
                    }
                }
                case "meta" -> meta.add(e);
                case "title" -> title = title == null ? e : title;
                case "h1" -> h1 = h1 == null ? e : h1;
                case "time" -> {
                    if (time == null
                            && e.hasAttr("datetime")
                            && (e.hasAttr("pubdate") || "datePublished".equals(e.attr("itemprop")))) {
                        time = e;
                    }
                }
                default -> {}
            }
        }
    }

    static void collect(Element el, Found found, int depth) {
        for (Element child = el.firstElementChild(); child != null; child = child.nextElementSibling()) {
            String tag = child.normalName();
            found.see(child, tag);
            if (depth < 512 && !tag.equals("script") && !tag.equals("style") && !tag.equals("meta")) {
                collect(child, found, depth + 1);
            }
        }
    }

    private static void readJsonLd(String data, Builder b) {
        if (data.length() > 2_000_000
                || !(data.contains("rticle") || data.contains("Posting") || data.contains("headline"))) {
            return; // not about an article: breadcrumbs, organisation, site search; skip the JSON parse
        }
        JsonNode root;
        try {
            root = JSON.readTree(data.strip());
        } catch (JsonProcessingException | RuntimeException e) {
            return; // broken JSON-LD is common on real pages: the rest of the page still counts
        }
        visitJsonLd(root, b, 0);
    }

    private static void visitJsonLd(JsonNode node, Builder b, int depth) {
        if (node == null || depth > 8) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                visitJsonLd(item, b, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@graph")) {
            visitJsonLd(node.get("@graph"), b, depth + 1);
        }
        if (!isArticle(node.get("@type"))) {
            JsonNode main = node.get("mainEntity");
            if (main != null) {
                visitJsonLd(main, b, depth + 1);
            }
            return;
        }
        boolean webPage = isType(node.get("@type"), "webpage");
        String headline = text(node.get("headline"));
        if (headline != null && !webPage) {
            b.headline = first(b.headline, headline);
        }
        if (!webPage || b.authors.isEmpty()) {
            authors(node.get("author"), b.authors);
        }
        b.published = first(b.published, instant(text(node.get("datePublished"))));
        b.modified = first(b.modified, instant(text(node.get("dateModified"))));
        b.inLanguage = first(b.inLanguage, text(node.get("inLanguage")));
        String body = text(node.get("articleBody"));
        if (body != null && (b.articleBody == null || body.length() > b.articleBody.length())) {
            b.articleBody = body.indexOf('<') >= 0 ? Jsoup.parse(body).text() : body;
        }
    }

    private static boolean isArticle(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isArticle(t)) {
                    return true;
                }
            }
            return false;
        }
        return ARTICLE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT));
    }

    private static boolean isType(JsonNode type, String name) {
        return type != null && type.isTextual() && type.asText().equalsIgnoreCase(name);
    }

    private static void authors(JsonNode node, Set<String> out) {
        if (node == null || out.size() > 10) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                authors(item, out);
            }
        } else if (node.isObject()) {
            String name = text(node.get("name"));
            if (name != null && !name.startsWith("http")) {
                out.add(squash(name));
            }
        } else if (node.isTextual()) {
            String name = node.asText().strip();
            if (!name.isEmpty() && !name.startsWith("http")) {
                out.add(squash(name.replaceFirst("(?i)^by\\s+", "")));
            }
        }
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : text(node.get(0));
        }
        if (node.isObject()) {
            return text(node.get("name"));
        }
        String value = node.asText().strip();
        return value.isEmpty() ? null : value;
    }

    /** An ISO-8601-like timestamp as pages write it, or null. A date alone is read as midnight UTC. */
    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() < 10 || v.length() > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the lenient forms
        }
        try {
            var parsed = LENIENT_OFFSET.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a timestamp: try a date alone
        }
        try {
            return LocalDate.parse(v.substring(0, 10)).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <T> T first(T current, T candidate) {
        return current != null ? current : candidate;
    }

    private static String squash(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static final class Builder {
        String headline;
        String metaTitle;
        String metaAuthor;
        final Set<String> authors = new LinkedHashSet<>();
        Instant published;
        Instant modified;
        String inLanguage;
        String locale;
        String description;
        String articleBody;
    }

    /** The names in a byline, split at commas and "and". */
    public List<String> authors() {
        List<String> out = new ArrayList<>();
        if (byline != null) {
            for (String part : byline.split("\\s*(?:,|\\band\\b|&)\\s*")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
