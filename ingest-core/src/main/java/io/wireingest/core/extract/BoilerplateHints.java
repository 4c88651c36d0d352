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

    /** Words that mark furniture whatever else the attribute says. */
    private static final String[] STRONG = {
        "comment",
        "disqus",
        "share",
        "sharing",
        "social",
        "related",
        "recommend",
        "newsletter",
        "subscri",
        "signup",
        "sign-up",
        "promo",
        "outbrain",
        "taboola",
        "advert",
        "sponsor",
        "cookie",
        "gdpr",
        "popup",
        "modal",
        "breadcrumb",
        "recirc",
        "more-stories",
        "morestories",
        "most-popular",
        "mostpopular",
        "most-read",
        "trending",
        "read-more",
        "readmore",
        "read-next",
        "readnext",
        "also-read",
        "baca-juga",
        "bacajuga",
        "berita-terkait",
        "berita-lain",
        "paywall",
        "inline-ad",
        "ad-container",
        "ad-slot",
        "adslot",
        "adunit",
        "ad-unit",
        "ad-wrapper",
        "ad-placeholder",
        "dfp",
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
        "disclaimer",
        "login",
        "byline",
        "dateline-wrap",
        "timestamp",
        "published-date",
        "article-date",
        "post-date",
        "post-meta",
        "entry-meta",
        "article-meta",
        "meta-info",
        "headline-list",
        "caption-credit",
        "image-credit",
        "photo-credit"
    };

    /** Words that mark furniture unless the attribute also names the article. */
    private static final String[] WEAK = {
        "sidebar", "side-bar", "footer", "masthead", "header", "menu", "navbar", "widget", "banner", "rail", "aside",
        "author", "credit", "toolbar", "utility", "tools", "extra", "teaser", "card", "listing", "overlay", "ticker",
        "carousel", "slider", "gallery-thumb", "thumbnail", "nav"
    };

    /** Words that name the article body. */
    private static final String[] POSITIVE = {
        "article", "content", "entry", "story", "post-body", "post-content", "main", "body", "text", "blog"
    };

    /** Whether the element's attributes mark it as page furniture. */
    static boolean isFurniture(Element el) {
        if (el.attributesSize() == 0) {
            return false;
        }
        Attributes attrs = el.attributes();
        if (attrs.hasKey("hidden")
                || "true".equals(attrs.get("aria-hidden")) && !el.normalName().equals("figure")) {
            return true;
        }
        String style = attrs.get("style");
        if (!style.isEmpty() && isHiddenStyle(style)) {
            return true;
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
                return true;
            }
        }
        String cls = attrs.get("class");
        String id = attrs.get("id");
        if (cls.isEmpty() && id.isEmpty()) {
            return false;
        }
        String hint = (cls + " " + id).toLowerCase(Locale.ROOT);
        for (String word : STRONG) {
            if (hint.contains(word)) {
                return true;
            }
        }
        if (hasAdToken(hint)) {
            return true;
        }
        for (String word : WEAK) {
            if (hint.contains(word)) {
                for (String positive : POSITIVE) {
                    if (hint.contains(positive)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Whether the element's attributes name it as the article body. */
    static boolean isArticleBody(Element el) {
        if (el.attributesSize() == 0) {
            return false;
        }
        String itemprop = el.attr("itemprop");
        return itemprop.equalsIgnoreCase("articleBody") || itemprop.equalsIgnoreCase("text");
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
