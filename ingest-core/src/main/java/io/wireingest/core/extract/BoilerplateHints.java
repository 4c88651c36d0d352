package io.wireingest.core.extract;

import java.util.Locale;
import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Element;

/**
 * What the {@code class}, {@code id}, {@code role} and a few other attributes of an element say about it: generic
 * words that sites everywhere use for page furniture (share bars, related stories, comments, newsletter boxes, ads)
 * or for the article itself. No site names: only the words. Matching is by {@code indexOf} on the lower-cased
 * attribute text, which is much cheaper than a regular expression on every element of a page.
 */
final class BoilerplateHints {
    private BoilerplateHints() {}

    /** Not furniture. */
    static final int NONE = 0;
    /** Furniture when the marked element holds little prose (layout words: sidebar, header, widget, rail, ...). */
    static final int WEAK = 1;
    /** Furniture even when it reads like prose: comments, related stories, promos, newsletters, ads, hidden. */
    static final int STRONG = 2;

    /** Words that mark furniture even when the element holds prose. */
    private static final String[] STRONG_WORDS = {
        "comment",
        "disqus",
        "related",
        "recommend",
        "newsletter",
        "signup",
        "sign-up",
        "promo",
        "outbrain",
        "taboola",
        "advert",
        "sponsor",
        "cookie",
        "gdpr",
        "recirc",
        "more-stories",
        "morestories",
        "most-popular",
        "mostpopular",
        "most-read",
        "mostread",
        "trending",
        "read-next",
        "readnext",
        "also-read",
        "baca-juga",
        "bacajuga",
        "berita-terkait",
        "berita-lain",
        "artikel-berkaitan",
        "inline-ad",
        "ad-container",
        "ad-slot",
        "adslot",
        "adunit",
        "ad-unit",
        "ad-wrapper",
        "ad-placeholder",
        "dfp-",
        "google-ad",
        "adsbygoogle",
        "print-only",
        "skip-link",
        "screen-reader",
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "author-bio",
        "authorbio",
        "about-author",
        "about-the-author",
        "disclaimer"
    };

    /** Words that mark furniture when the element holds little prose. */
    private static final String[] WEAK_WORDS = {
        "share",
        "sharing",
        "social",
        "popup",
        "modal",
        "breadcrumb",
        "read-more",
        "readmore",
        "pagination",
        "pager",
        "tag-list",
        "taglist",
        "article-tags",
        "post-tags",
        "tags-list",
        "navigation",
        "toolbar",
        "follow-us",
        "followus",
        "jump-link",
        "login",
        "byline",
        "timestamp",
        "published-date",
        "article-date",
        "post-date",
        "post-meta",
        "entry-meta",
        "article-meta",
        "meta-info",
        "headline-list",
        "credit",
        "sidebar",
        "side-bar",
        "footer",
        "subscri",
        "paywall",
        "caption",
        "gallery",
        "slideshow",
        "masthead",
        "header",
        "menu",
        "navbar",
        "widget",
        "banner",
        "rail",
        "aside",
        "author",
        "utility",
        "tools",
        "extra",
        "teaser",
        "listing",
        "overlay",
        "ticker",
        "carousel",
        "slider",
        "nav"
    };

    /** Words that name the article: a weak word beside one of them does not mark furniture. */
    private static final String[] POSITIVE_WORDS = {
        "article", "content", "entry", "story", "main", "body", "text", "blog", "post"
    };

    /** How strongly the element's attributes mark it as page furniture: {@link #NONE}, {@link #WEAK}, {@link #STRONG}. */
    static int strength(Element el) {
        if (el.attributesSize() == 0) {
            return NONE;
        }
        Attributes attrs = el.attributes();
        if (attrs.hasKey("hidden")
                || "true".equals(attrs.get("aria-hidden")) && !el.normalName().equals("figure")) {
            return STRONG;
        }
        String style = attrs.get("style");
        if (!style.isEmpty() && isHiddenStyle(style)) {
            return STRONG;
        }
        String role = attrs.get("role");
        if (!role.isEmpty()) {
            String r = role.toLowerCase(Locale.ROOT);
            if (r.equals("navigation")
                    || r.equals("complementary")
                    || r.equals("banner")
                    || r.equals("contentinfo")
                    || r.equals("menu")
                    || r.equals("menubar")
                    || r.equals("dialog")
                    || r.equals("search")) {
                return WEAK;
            }
        }
        String cls = attrs.get("class");
        String id = attrs.get("id");
        if (cls.isEmpty() && id.isEmpty()) {
            return NONE;
        }
        String key = cls + " " + id;
        Integer cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        int strength = wordStrength(key.toLowerCase(Locale.ROOT));
        if (CACHE.size() > CACHE_SIZE) {
            CACHE.clear(); // bounded: a stream of pages from many sites must not grow it without end
        }
        CACHE.put(key, strength);
        return strength;
    }

    /**
     * Class and id strings repeat within a page and across pages of one site; matching them against the word lists is
     * the costliest part of reading an element, so results are remembered.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int CACHE_SIZE = 20_000;

    private static int wordStrength(String classAndId) {
        // "commentary" names opinion articles, not comment threads.
        String hint = classAndId.contains("commentary") ? classAndId.replace("commentary", "") : classAndId;
        for (String word : STRONG_WORDS) {
            if (hint.contains(word)) {
                return STRONG;
            }
        }
        if (hasAdToken(hint)) {
            return STRONG;
        }
        for (String word : WEAK_WORDS) {
            if (hint.contains(word)) {
                for (String positive : POSITIVE_WORDS) {
                    if (hint.contains(positive)) {
                        return NONE;
                    }
                }
                return WEAK;
            }
        }
        return NONE;
    }

    private static boolean isHiddenStyle(String style) {
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("display:none") || s.contains("visibility:hidden");
    }

    private static boolean hasAdToken(String hint) {
        int start = 0;
        int n = hint.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || hint.charAt(i) == ' ' || hint.charAt(i) == '_') {
                if (i > start) {
                    String token = hint.substring(start, i);
                    if (token.equals("ad")
                            || token.equals("ads")
                            || token.startsWith("ad-")
                            || token.endsWith("-ad")
                            || token.endsWith("-ads")
                            || token.startsWith("ads-")
                            || token.equals("hidden")
                            || token.equals("is-hidden")
                            || token.equals("d-none")) {
                        return true;
                    }
                }
                start = i + 1;
            }
        }
        return false;
    }
}
