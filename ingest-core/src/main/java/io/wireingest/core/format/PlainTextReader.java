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
        // The first two lines are read in place (CR LF, CR and LF all end a line): the copy can be long and only its
        // head matters.
        int n = text.length();
        int start = 0;
        while (start < n && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int lineEnd = lineEnd(text, start);
        if (lineEnd < 0) {
            return false;
        }
        int second = lineEnd + (text.startsWith("\r\n", lineEnd) ? 2 : 1);
        int secondEnd = lineEnd(text, second);
        for (int i = second, end = secondEnd < 0 ? n : secondEnd; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false; // the first line must stand alone, with a blank line after it
            }
        }
        if (!TextBlocks.squash(text.substring(start, lineEnd)).equals(firstParagraph)) {
            return false;
        }
        char last = firstParagraph.charAt(firstParagraph.length() - 1);
        return ".!?:;,\"”’)-–—".indexOf(last) < 0;
    }

    /** The index of the first CR or LF at or after {@code from}, or -1. */
    private static int lineEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }
}
