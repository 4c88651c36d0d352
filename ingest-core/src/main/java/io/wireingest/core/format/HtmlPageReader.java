package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * HTML items: a full article page or an HTML fragment of story paragraphs. The page is parsed once with a bounded
 * nesting depth; the headline comes from page metadata; the body is the article container when the page marks one
 * ({@code <article>}, {@code itemprop=articleBody}), else the page body.
 */
public final class HtmlPageReader implements WireFormatReader {
    @Override
    public WireFormat format() {
        return WireFormat.HTML;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        if (item.mediaType().isHtml()) {
            return true;
        }
        String head = item.text().stripLeading();
        head = head.substring(0, Math.min(head.length(), 256)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html")
                || head.startsWith("<html")
                || ((head.startsWith("<p") || head.startsWith("<div") || head.startsWith("<article"))
                        && !item.mediaType().isXml());
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        Parser parser = Parser.htmlParser().setMaxDepth(context.limits().maxDepth());
        String base = item.raw().url() == null ? "" : item.raw().url();
        Document doc = parser.parseInput(item.text(), base);
        context.checkTime();
        Story story = new Story(WireFormat.HTML);
        story.headline(headline(doc));
        story.url(item.raw().url());
        String lang =
                doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
        if (!lang.isBlank()) {
            story.language(lang.trim());
        }
        Element root = doc.selectFirst("[itemprop=articleBody]");
        if (root == null) {
            root = doc.selectFirst("article");
        }
        if (root == null) {
            root = doc.body();
        }
        HtmlBlocks.copy(root, story);
        context.checkTime();
        if (story.body().children().isEmpty()) {
            throw new RejectedException(StageName.PARSE, "empty", "the HTML has no text blocks");
        }
        return List.of(story);
    }

    private static String headline(Document doc) {
        Element og = doc.selectFirst("meta[property=og:title]");
        if (og != null && !og.attr("content").isBlank()) {
            return TextBlocks.squash(og.attr("content"));
        }
        Element h1 = doc.selectFirst("h1");
        if (h1 != null && !h1.text().isBlank()) {
            h1.remove();
            return TextBlocks.squash(h1.text());
        }
        String title = doc.title();
        return title.isBlank() ? null : TextBlocks.squash(title);
    }
}
