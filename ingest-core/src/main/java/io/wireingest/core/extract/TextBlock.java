package io.wireingest.core.extract;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * One segment of a page in document order: a leaf block element ({@code p}, heading, list, quote, table, figure) or a
 * run of loose inline content inside a container, with the statistics the extractor scores it by.
 */
final class TextBlock {
    /** What a block looks like before its neighbours are considered. */
    enum Kind {
        /** Paragraph-shaped prose with few links. */
        GOOD,
        /** Too short to judge alone: headings, captions, bylines, one-liners. */
        SHORT,
        /** Link lists, widgets, boilerplate-marked subtrees. */
        BAD
    }

    /** The leaf element, or the container a loose run stands in. */
    final Element element;
    /** The nodes of a loose run, or null for a leaf element. */
    final List<Node> run;
    /**
     * The innermost of the furniture-marked elements around the block (class or id naming a share bar, related
     * stories, comments, ...; {@code header}, {@code footer}, {@code aside}), or null. Whether the block counts as
     * furniture depends on the container considered: only marks inside the container count.
     */
    final Marks marks;

    /** Built on demand by {@link #text()}. */
    private String text;
    /** Non-space characters. */
    int chars;
    /** The sum of the non-space characters: with {@link #chars}, a cheap key for blocks with equal text. */
    int charSum;

    int linkChars;
    int words;
    int stops;
    /** Ideographic and kana characters: scripts written without spaces between words. */
    int unspaced;

    Kind kind = Kind.SHORT;
    /** Share of the block's word trigrams found in the page's JSON-LD articleBody, or -1 without one. */
    double bodyOverlap = -1;

    TextBlock(Element element, List<Node> run, Marks marks) {
        this.element = element;
        this.run = run;
        this.marks = marks;
    }

    /** A chain of furniture-marked ancestors, innermost first. */
    record Marks(Element element, boolean strong, boolean teaser, Marks outer) {}

    /**
     * Whether an effective furniture mark lies between this block and {@code container} (the container itself
     * excluded).
     */
    boolean isFurnitureWithin(Element container, java.util.function.Predicate<Marks> effective) {
        Marks m = marks;
        for (Element e = element; m != null && e != null && e != container; e = e.parent()) {
            while (m != null && e == m.element()) {
                if (effective.test(m)) {
                    return true;
                }
                m = m.outer();
            }
        }
        return false;
    }

    /** The block's text, white space collapsed. */
    String text() {
        if (text == null) {
            text = ExtractArticle.textOf(this);
        }
        return text;
    }

    /** The tag of the block: the leaf element's, or {@code p} for a loose run. */
    String tag() {
        return run == null ? element.normalName() : "p";
    }

    /** Words, counting two ideographs or kana as one word in scripts written without spaces. */
    int wordish() {
        return words + unspaced / 2;
    }

    double linkDensity() {
        return chars == 0 ? 0 : (double) linkChars / chars;
    }

    boolean isHeading() {
        String tag = tag();
        return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
    }

    @Override
    public String toString() {
        return kind + " " + tag() + " c=" + chars + " ld=" + String.format("%.2f", linkDensity()) + " w=" + words
                + (marks != null ? " mark" : "") + " " + (text().length() > 60 ? text().substring(0, 60) : text());
    }
}
