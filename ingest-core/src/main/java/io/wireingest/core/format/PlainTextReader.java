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
 * hard-wrapped). The headline is not guessed from the text: plain copy rarely has one, and the first line is usually
 * the dateline lead.
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
        int n = 0;
        for (String paragraph : TextBlocks.paragraphs(item.text())) {
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
}
