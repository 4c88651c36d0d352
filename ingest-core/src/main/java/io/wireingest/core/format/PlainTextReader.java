package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.util.List;

/**
 * Plain text copy, such as a story scraped as text: one paragraph per line (or per blank-line block when the copy is
 * hard-wrapped). A headline is taken only where the copy sets one apart: a short first line, followed by a blank line,
 * that does not end like a sentence ({@code Headline\n\nJAKARTA (ANTARA) - ...}). Otherwise the first line is story
 * text, usually the dateline lead.
 */
public final class PlainTextReader implements WireFormatReader {
    @Override
    public WireFormat format() {
        return WireFormat.TEXT;
    }

    @Override
    public boolean canRead(DecodedItem item) {
        return true;
    }

    @Override
    public List<Story> read(DecodedItem item, ItemContext context) throws RejectedException {
        Story story = new Story(WireFormat.TEXT);
        List<String> paragraphs = TextBlocks.paragraphs(item.text());
        int first = 0;
        if (paragraphs.size() > 1 && isHeadline(item.text(), paragraphs.get(0))) {
            story.headline(paragraphs.get(0));
            first = 1;
        }
        int n = 0;
        for (String paragraph : paragraphs.subList(first, paragraphs.size())) {
            story.addParagraph(paragraph);
            if (++n % 256 == 0) {
                context.checkTime();
            }
        }
        if (n == 0) {
            throw new RejectedException(StageName.PARSE, "empty", "the text has no paragraphs");
        }
        return List.of(story);
    }

    private static final int HEADLINE_MAX_CHARS = 200;

    /** A short first line set apart by a blank line, not ending like a sentence or a credit. */
    static boolean isHeadline(String text, String firstParagraph) {
        if (firstParagraph.length() > HEADLINE_MAX_CHARS || firstParagraph.length() < 8) {
            return false;
        }
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n').stripLeading();
        int lineEnd = normalized.indexOf('\n');
        if (lineEnd < 0) {
            return false;
        }
        int next = normalized.indexOf('\n', lineEnd + 1);
        String secondLine = next < 0 ? normalized.substring(lineEnd + 1) : normalized.substring(lineEnd + 1, next);
        if (!secondLine.isBlank()) {
            return false; // the first line must stand alone, with a blank line after it
        }
        if (!TextBlocks.squash(normalized.substring(0, lineEnd)).equals(firstParagraph)) {
            return false;
        }
        char last = firstParagraph.charAt(firstParagraph.length() - 1);
        return ".!?:;,\"”’)-–—".indexOf(last) < 0;
    }
}
