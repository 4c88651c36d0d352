package io.wireingest.core.format;

import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import java.util.List;

/** Reads one wire format into stories. Implementations are stateless and thread-safe. */
public interface WireFormatReader {
    WireFormat format();

    /**
     * Whether this reader can read the item: a cheap sniff of the media type and the first characters, never a full
     * parse and never the file name.
     */
    boolean canRead(DecodedItem item);

    /**
     * Parses the item into one or more stories (several for a feed or a message). Malformed input is refused with
     * {@link RejectedException} at stage {@code parse}.
     */
    List<Story> read(DecodedItem item, ItemContext context) throws RejectedException;
}
