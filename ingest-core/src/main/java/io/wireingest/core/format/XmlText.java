package io.wireingest.core.format;

import io.wireingest.core.model.PubStatus;
import java.util.Locale;
import org.jsoup.nodes.Element;

/** Small readers of values in parsed XML trees, shared by the XML format readers. */
final class XmlText {
    private XmlText() {}

    /** The squashed text of the first element matching the query under {@code root}, or null when blank. */
    static String first(Element root, String query) {
        if (root == null) {
            return null;
        }
        Element el = root.selectFirst(query);
        return el == null ? null : blankToNull(TextBlocks.squash(el.text()));
    }

    /** An attribute of the first element matching the query, or null when absent or blank. */
    static String attr(Element root, String query, String attribute) {
        if (root == null) {
            return null;
        }
        Element el = root.selectFirst(query);
        return el == null ? null : blankToNull(el.attr(attribute).strip());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The xml:lang in force at an element (itself or its nearest ancestor), or null. */
    static String lang(Element el) {
        for (Element e = el; e != null; e = e.parent()) {
            if (e.hasAttr("xml:lang") && !e.attr("xml:lang").isBlank()) {
                return e.attr("xml:lang").strip();
            }
        }
        return null;
    }

    /** A publication status from NITF, NewsML-G2 ({@code stat:canceled}) or NewsML 1 ({@code Canceled}) spelling. */
    static PubStatus pubStatus(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        int cut = Math.max(v.lastIndexOf(':'), v.lastIndexOf('/'));
        v = cut >= 0 ? v.substring(cut + 1) : v;
        return switch (v) {
            case "usable" -> PubStatus.USABLE;
            case "withheld", "embargoed" -> PubStatus.WITHHELD;
            case "canceled", "cancelled", "kill", "killed", "withdrawn" -> PubStatus.CANCELED;
            default -> null;
        };
    }

    /** An urgency or priority number clamped to ninjs 1..9, or null when not a number. */
    static Integer urgency(String value) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n <= 0 ? null : Math.min(9, n);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
