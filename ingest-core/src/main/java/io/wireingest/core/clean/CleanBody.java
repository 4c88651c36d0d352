package io.wireingest.core.clean;

import io.wireingest.core.format.TextBlocks;
import io.wireingest.core.model.RelatedLink;
import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.pipeline.StoryStage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Removes wire furniture from the body: related-link lines become {@code wire.related}; lists of other stories (a
 * {@code Berita Lainnya} header and the short lines and timestamps after it), standalone timestamps, widgets and
 * template tokens are dropped; empty blocks go. Credit lines are left for {@code AttributeSource}, which reads them.
 */
public final class CleanBody implements StoryStage {
    private static final int LIST_LINE_MAX = 300;

    // Selectors parsed once (Element.select(String) parses its query at every call).
    private static final Evaluator IMG_OR_TABLE = QueryParser.parse("img, table");
    private static final Evaluator LINK = QueryParser.parse("a[href]");
    private static final Evaluator LIST_ITEM = QueryParser.parse("li");

    @Override
    public StageName name() {
        return StageName.CLEAN;
    }

    @Override
    public void apply(Story story, ItemContext context) throws RejectedException {
        List<Element> blocks = story.body().children(); // a copy: removing blocks does not change it
        boolean inOtherNews = false;
        Element pendingRelatedLabel = null;
        int i = 0;
        for (Element block : blocks) {
            if (++i % 128 == 0) {
                context.checkTime();
            }
            String text = TextBlocks.text(block);
            // every template token starts with '[' or '{': a block whose text has neither has none to remove
            if ((text.indexOf('[') >= 0 || text.indexOf('{') >= 0) && removeInlineTokens(block)) {
                text = TextBlocks.text(block);
            }
            text = text.strip();
            if (text.isEmpty() && block.selectFirst(IMG_OR_TABLE) == null) {
                block.remove();
                continue;
            }
            if (inOtherNews) {
                if (text.length() <= LIST_LINE_MAX || Furniture.isTimestamp(text)) {
                    block.remove();
                    continue;
                }
                inOtherNews = false;
            }
            if (pendingRelatedLabel != null) {
                story.related().add(new RelatedLink(trimLabel(pendingRelatedLabel.text()), text, firstLink(block)));
                block.remove();
                pendingRelatedLabel = null;
                continue;
            }
            if (Furniture.isOtherNewsHeader(text)) {
                inOtherNews = true;
                block.remove();
                continue;
            }
            if (Furniture.isTimestamp(text) || Furniture.isWidget(text)) {
                block.remove();
                continue;
            }
            if (isListBlock(block)) {
                if (takeRelatedList(block, story)) {
                    block.remove();
                }
                continue;
            }
            // length first: long paragraphs never run the label pattern
            if (text.length() > LIST_LINE_MAX * 2) {
                continue;
            }
            Matcher related = Furniture.matchRelated(text);
            if (related != null && isRelatedLabel(related, text)) {
                String rest = related.group(2).strip();
                if (rest.isEmpty()) {
                    pendingRelatedLabel = block;
                } else {
                    addRelated(story, related.group(1), rest, block);
                }
                block.remove();
            }
        }
        if (story.body().firstElementChild() == null) {
            story.warn("the body is empty after cleaning");
        }
    }

    /** Between the links of one related block (compiled once: String.split would compile it at every call). */
    private static final java.util.regex.Pattern RELATED_SEPARATOR =
            java.util.regex.Pattern.compile("\\s*(?:[|>»]|(?=(?i:baca juga|read also)\\s*:))\\s*");

    /** {@code Baca juga: A > Baca juga: B} and {@code Baca juga: A | B} hold several links in one block. */
    private static void addRelated(Story story, String label, String rest, Element block) {
        String[] parts = maySeparate(rest) ? RELATED_SEPARATOR.split(rest) : new String[] {rest};
        List<Element> links = block.select(LINK);
        List<String> linkTexts = new ArrayList<>(links.size());
        for (Element a : links) {
            linkTexts.add(TextBlocks.text(a));
        }
        String normalizedLabel = normalizeLabel(label);
        int n = 0;
        for (String part : parts) {
            Matcher again = Furniture.matchRelated(part);
            String title = again != null ? again.group(2).strip() : part.strip();
            if (title.isEmpty()) {
                continue;
            }
            String url = null;
            for (int k = 0; k < links.size(); k++) {
                String linkText = linkTexts.get(k);
                if (title.contains(linkText.strip()) && !linkText.isBlank()) {
                    Element a = links.get(k);
                    String abs = a.absUrl("href");
                    url = abs.isEmpty() ? a.attr("href") : abs;
                    break;
                }
            }
            if (url == null && parts.length == 1 && !links.isEmpty()) {
                url = firstLink(block);
            }
            story.related().add(new RelatedLink(normalizedLabel, title, url));
            n++;
        }
        if (n == 0) {
            story.related().add(new RelatedLink(normalizedLabel, rest, firstLink(block)));
        }
    }

    /**
     * Whether {@link #RELATED_SEPARATOR} may occur in the text: only at one of its three characters or before a
     * {@code baca juga} or {@code read also} (any case). Without one, {@code split} gives the whole text.
     */
    private static boolean maySeparate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '|', '>', '»' -> {
                    return true;
                }
                case 'b', 'B' -> {
                    if (Furniture.mayStartWith(text, i, "baca juga")) {
                        return true;
                    }
                }
                case 'r', 'R' -> {
                    if (Furniture.mayStartWith(text, i, "read also")) {
                        return true;
                    }
                }
                default -> {}
            }
        }
        return false;
    }

    /**
     * Generic English labels ({@code Related}, {@code Read more}, {@code See also}) count only with a separator after
     * them or standing alone, so that a sentence starting with "Related talks" stays in the story.
     */
    private static boolean isRelatedLabel(Matcher related, String text) {
        String label = related.group(1).toLowerCase(java.util.Locale.ROOT);
        if (label.startsWith("baca") || label.startsWith("read also") || label.startsWith("also read")) {
            return true;
        }
        String after = text.substring(related.end(1)).stripLeading();
        return after.isEmpty() || ":：>»|-–—]".indexOf(after.charAt(0)) >= 0;
    }

    private static boolean isListBlock(Element block) {
        String tag = block.normalName();
        return tag.equals("ul") || tag.equals("ol");
    }

    /** A list whose previous sibling was a related label, or whose items are all related links, is furniture. */
    private static boolean takeRelatedList(Element list, Story story) {
        Element previous = list.previousElementSibling();
        if (previous == null) {
            return false;
        }
        String previousText = previous.text();
        if (Furniture.matchRelated(previousText) == null) {
            return false;
        }
        String label = trimLabel(previousText);
        for (Element li : list.select(LIST_ITEM)) {
            story.related().add(new RelatedLink(label, li.text().strip(), firstLink(li)));
        }
        return true;
    }

    /** The label without trailing colons and white space (a loop: a trailing-run regex is quadratic on long runs). */
    private static String trimLabel(String label) {
        int end = label.length();
        while (end > 0 && (label.charAt(end - 1) == ':' || Character.isWhitespace(label.charAt(end - 1)))) {
            end--;
        }
        return label.substring(0, end);
    }

    private static final java.util.regex.Pattern WHITE_SPACE = java.util.regex.Pattern.compile("\\s+");

    private static String normalizeLabel(String label) {
        String squashed = WHITE_SPACE.matcher(label.strip()).replaceAll(" ");
        return squashed.isEmpty() ? squashed : Character.toUpperCase(squashed.charAt(0)) + squashed.substring(1);
    }

    private static String firstLink(Element block) {
        Element a = block.selectFirst(LINK);
        if (a == null) {
            return null;
        }
        String abs = a.absUrl("href");
        return abs.isEmpty() ? a.attr("href") : abs;
    }

    /** Removes template tokens from the block's own text nodes; whether any text changed. */
    private static boolean removeInlineTokens(Element block) {
        boolean changed = false;
        for (TextNode node : block.textNodes()) {
            String text = node.getWholeText();
            if (text.indexOf('[') < 0 && text.indexOf('{') < 0) {
                continue; // every template token starts with one of these
            }
            String cleaned = Furniture.INLINE_TOKEN.matcher(text).replaceAll("");
            if (!cleaned.equals(text)) {
                node.text(cleaned);
                changed = true;
            }
        }
        return changed;
    }
}
