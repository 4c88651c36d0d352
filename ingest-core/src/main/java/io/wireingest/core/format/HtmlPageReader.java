package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.extract.ExtractArticle;
import io.wireingest.core.extract.Extraction;
import io.wireingest.core.extract.PageMetadata;
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
 * nesting depth; headline, byline, language and publication times come from the page metadata ({@link PageMetadata});
 * the body is the article {@link ExtractArticle} finds among the page's furniture, with its paragraph structure.
 */
public final class HtmlPageReader implements WireFormatReader {
    private static final ExtractArticle EXTRACT = new ExtractArticle();

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
        Parser parser = HtmlBlocks.parser(context.limits().maxDepth());
        String base = item.raw().url() == null ? "" : item.raw().url();
        Document doc = parser.parseInput(item.text(), base);
        context.checkTime();
        // A fragment of story paragraphs is all story; a whole page is searched for its article. The extractor reads
        // the page's metadata in the same walk.
        Extraction article = isPage(item.text()) ? EXTRACT.extract(doc) : null;
        PageMetadata meta = article != null ? article.metadata() : PageMetadata.read(doc);
        context.checkTime();
        Story story = new Story(WireFormat.HTML);
        story.headline(meta.headline());
        story.byline(meta.byline());
        story.firstCreated(meta.published());
        story.versionCreated(meta.modified() != null ? meta.modified() : meta.published());
        story.url(item.raw().url());
        if (meta.language() != null) {
            story.language(meta.language());
        }
        if (article == null || article.blocks().isEmpty()) {
            HtmlBlocks.copy(doc.body(), story);
        } else {
            for (Element block : article.blocks()) {
                story.body().appendChild(block);
            }
        }
        if (story.body().children().isEmpty()) {
            throw new RejectedException(StageName.PARSE, "empty", "the HTML has no text blocks");
        }
        return List.of(story);
    }

    /** Whether the HTML is a whole page (document type, {@code html} or {@code body} element) rather than a fragment. */
    static boolean isPage(String html) {
        // Looked for in the first 4 KiB, case-insensitively, at each '<' (no lower-cased copy of the head).
        int end = Math.min(html.length(), 4096);
        for (int i = html.indexOf('<'); i >= 0 && i < end; i = html.indexOf('<', i + 1)) {
            if (startsAt(html, i, end, "<!doctype html")
                    || startsAt(html, i, end, "<html")
                    || startsAt(html, i, end, "<body")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s[at, end)} starts with {@code lower}, ASCII letters compared regardless of case. */
    private static boolean startsAt(String s, int at, int end, String lower) {
        if (at + lower.length() > end) {
            return false;
        }
        for (int j = 0; j < lower.length(); j++) {
            char c = s.charAt(at + j);
            if (c != lower.charAt(j) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == lower.charAt(j))) {
                return false;
            }
        }
        return true;
    }
}
