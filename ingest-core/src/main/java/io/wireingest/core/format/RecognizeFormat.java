package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.Limits;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.util.List;

/** Picks the reader for an item: the first in priority order whose sniff accepts it. */
public final class RecognizeFormat {
    private final List<WireFormatReader> readers;

    /** Readers in priority order: specific formats first, plain text last. */
    public RecognizeFormat(List<WireFormatReader> readers) {
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("at least one reader is needed");
        }
        this.readers = List.copyOf(readers);
    }

    /** The readers every pipeline starts with. */
    public static RecognizeFormat standard() {
        return new RecognizeFormat(List.of(
                new NinjsReader(),
                new NitfReader(),
                new NewsMlG2Reader(),
                new NewsMl1Reader(),
                new FeedReader(),
                new Anpa1312Reader(),
                new Iptc7901Reader(),
                new HtmlPageReader(),
                new PlainTextReader()));
    }

    /** {@link #recognize(DecodedItem, ItemContext)} with the default depth limit ({@link Limits#DEFAULT}). */
    public WireFormatReader recognize(DecodedItem item) throws RejectedException {
        return recognize(item, Limits.DEFAULT.maxDepth());
    }

    /**
     * The reader for the item.
     *
     * @throws RejectedException at stage {@code recognize}: {@code unrecognized} when no reader takes it; for content
     *     declared as JSON that no JSON reader takes, {@code malformed-json}, {@code too-deep} (nested deeper than the
     *     item's depth limit) or {@code unrecognized-json}
     */
    public WireFormatReader recognize(DecodedItem item, ItemContext context) throws RejectedException {
        return recognize(item, context.limits().maxDepth());
    }

    private WireFormatReader recognize(DecodedItem item, int maxDepth) throws RejectedException {
        for (WireFormatReader reader : readers) {
            if (reader.canRead(item)) {
                if (item.mediaType().isJson() && reader.format() == WireFormat.TEXT) {
                    throw unknownJson(item, maxDepth);
                }
                return reader;
            }
        }
        throw new RejectedException(
                StageName.RECOGNIZE,
                "unrecognized",
                "no reader accepts content type " + item.mediaType().mimeType() + " starting with "
                        + Excerpt.of(item.text(), 40));
    }

    /**
     * A item declared as JSON that no JSON reader takes: published as text it would be an article whose body is JSON
     * syntax. Refused instead, as malformed when it is not JSON at all, else as a JSON shape we do not read.
     */
    private static RejectedException unknownJson(DecodedItem item, int maxDepth) throws RejectedException {
        String syntaxError = JsonDepth.syntaxError(item.text(), maxDepth, StageName.RECOGNIZE);
        if (syntaxError != null) {
            return new RejectedException(
                    StageName.RECOGNIZE,
                    "malformed-json",
                    "declared " + item.mediaType().mimeType() + " but is not JSON: " + syntaxError);
        }
        return new RejectedException(
                StageName.RECOGNIZE,
                "unrecognized-json",
                "declared " + item.mediaType().mimeType()
                        + " but is neither ninjs nor a raw-item envelope, starting with "
                        + Excerpt.of(item.text(), 40));
    }
}
