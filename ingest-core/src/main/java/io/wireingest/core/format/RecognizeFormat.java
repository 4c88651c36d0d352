package io.wireingest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.io.IOException;
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
                if (item.mediaType().isJson() && reader.format() == WireFormat.TEXT) {
                    throw unknownJson(item);
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
    private static RejectedException unknownJson(DecodedItem item) {
        String syntaxError = jsonSyntaxError(item.text());
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

    private static final JsonFactory JSON = new JsonFactory();

    /** The first syntax error of the text as JSON (streamed, nothing built), or null when it is well-formed. */
    private static String jsonSyntaxError(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            while (parser.nextToken() != null) {
                // only the syntax matters
            }
            return null;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
