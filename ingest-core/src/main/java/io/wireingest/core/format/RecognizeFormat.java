package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
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

    public WireFormatReader recognize(DecodedItem item) throws RejectedException {
        for (WireFormatReader reader : readers) {
            if (reader.canRead(item)) {
                return reader;
            }
        }
        throw new RejectedException(
                StageName.RECOGNIZE,
                "unrecognized",
                "no reader accepts content type " + item.mediaType().mimeType() + " starting with "
                        + Excerpt.of(item.text(), 40));
    }
}
