package io.wireingest.worker.cli;

import io.wireingest.core.decode.DecodeBytes;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.worker.kafka.ReadRawItem;
import io.wireingest.worker.kafka.RecordTransform;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jsoup.parser.Parser;

/**
 * {@code bench --parse-floor}'s transform: only the two steps no jsoup-based cleaning can skip, the decode stage and
 * jsoup's parse of each HTML item into a DOM (with the pipeline's depth limit); the document is then dropped and
 * nothing is published, so the transaction commits only the consumed offsets. A pipeline does all of this and
 * publishes an article too, so this phase's throughput bounds the throughput of any pipeline that parses its pages
 * with jsoup, on the same machine and broker.
 */
final class ParseFloor implements RecordTransform {
    private final DecodeBytes decode = new DecodeBytes();
    private final int maxDepth;

    ParseFloor(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    @Override
    public Output apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            DecodedItem item = decode.decode(ReadRawItem.read(record));
            if (item.mediaType().isHtml()) {
                Parser.htmlParser().setMaxDepth(maxDepth).parseInput(item.text(), "");
            }
        } catch (ReadRawItem.UnreadableRecordException | RejectedException e) {
            // the pipeline phase rejects these; here only the cost of getting this far counts
        }
        return new Output(List.of(), null);
    }
}
