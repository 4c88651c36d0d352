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

/**
 * Removes wire furniture from the body: related-link lines become {@code wire.related}; lists of other stories (a
 * {@code Berita Lainnya} header and the short lines and timestamps after it), standalone timestamps, widgets and
 * template tokens are dropped; empty blocks go. Credit lines are left for {@code AttributeSource}, which reads them.
 */
public final class CleanBody implements StoryStage {
    private static final int LIST_LINE_MAX = 300;

    @Override
    public StageName name() {
        return StageName.CLEAN;
    }

    @Override
    public void apply(Story story, ItemContext context) throws RejectedException {
        List<Element> blocks = new ArrayList<>(story.body().children());
        boolean inOtherNews = false;
        Element pendingRelatedLabel = null;
        int i = 0;
        for (Element block : blocks) {
            if (++i % 128 == 0) {
                context.checkTime();
            }
            removeInlineTokens(block);
            String text = TextBlocks.text(block).strip();
            if (text.isEmpty() && block.select("img, table").isEmpty()) {
                block.remove();
                continue;
            }
            if (inOtherNews) {
                if (text.length() <= LIST_LINE_MAX
                        || Furniture.TIMESTAMP_LINE.matcher(text).matches()) {
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
            if (Furniture.OTHER_NEWS_HEADER.matcher(text).matches()) {
                inOtherNews = true;
                block.remove();
                continue;
            }
            if (Furniture.TIMESTAMP_LINE.matcher(text).matches()
                    || Furniture.WIDGET_BLOCK.matcher(text).matches()) {
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
            Matcher related = Furniture.RELATED.matcher(text);
            if (text.length() <= LIST_LINE_MAX * 2 && related.matches() && isRelatedLabel(related, text)) {
                String rest = related.group(2).strip();
                if (rest.isEmpty()) {
                    pendingRelatedLabel = block;
                } else {
                    addRelated(story, related.group(1), rest, block);
                }
                block.remove();
            }
        }
        if (story.body().children().isEmpty()) {
            story.warn("the body is empty after cleaning");
        }
    }

    /** Between the links of one related block (compiled once: String.split would compile it at every call). */
    private static final java.util.regex.Pattern RELATED_SEPARATOR =
            java.util.regex.Pattern.compile("\\s*(?:[|>»]|(?=(?i:baca juga|read also)\\s*:))\\s*");

    /** {@code Baca juga: A > Baca juga: B} and {@code Baca juga: A | B} hold several links in one block. */
    private static void addRelated(Story story, String label, String rest, Element block) {
        String[] parts = RELATED_SEPARATOR.split(rest);
        List<Element> links = block.select("a[href]");
        List<String> linkTexts = new ArrayList<>(links.size());
        for (Element a : links) {
            linkTexts.add(a.text());
        }
        int n = 0;
        for (String part : parts) {
            Matcher again = Furniture.RELATED.matcher(part);
            String title = again.matches() ? again.group(2).strip() : part.strip();
            if (title.isEmpty()) {
                continue;
            }
            String url = null;
            for (int k = 0; k < links.size(); k++) {
                String linkText = linkTexts.get(k);
                if (title.contains(linkText.strip()) && !linkText.isBlank()) {
                    Element a = links.get(k);
                    url = a.absUrl("href").isEmpty() ? a.attr("href") : a.absUrl("href");
                    break;
                }
            }
            if (url == null && parts.length == 1 && !links.isEmpty()) {
                url = firstLink(block);
            }
            story.related().add(new RelatedLink(normalizeLabel(label), title, url));
            n++;
        }
        if (n == 0) {
            story.related().add(new RelatedLink(normalizeLabel(label), rest, firstLink(block)));
        }
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
        boolean labelled =
                previous != null && Furniture.RELATED.matcher(previous.text()).matches();
        if (!labelled) {
            return false;
        }
        String label = trimLabel(previous.text());
        for (Element li : list.select("li")) {
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

    private static String normalizeLabel(String label) {
        String squashed = label.strip().replaceAll("\\s+", " ");
        return squashed.isEmpty() ? squashed : Character.toUpperCase(squashed.charAt(0)) + squashed.substring(1);
    }

    private static String firstLink(Element block) {
        Element a = block.selectFirst("a[href]");
        if (a == null) {
            return null;
        }
        String abs = a.absUrl("href");
        return abs.isEmpty() ? a.attr("href") : abs;
    }

    private static void removeInlineTokens(Element block) {
        for (TextNode node : block.textNodes()) {
            String text = node.getWholeText();
            if (text.indexOf('[') < 0 && text.indexOf('{') < 0) {
                continue; // every template token starts with one of these
            }
            String cleaned = Furniture.INLINE_TOKEN.matcher(text).replaceAll("");
            if (!cleaned.equals(text)) {
                node.text(cleaned);
            }
        }
    }
}
