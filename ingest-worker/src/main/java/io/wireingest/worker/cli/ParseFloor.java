package io.wireingest.worker.cli;

import io.wireingest.core.decode.DecodeBytes;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.worker.kafka.PassThrough;
import io.wireingest.worker.kafka.ReadRawItem;
import io.wireingest.worker.kafka.RecordTransform;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jsoup.parser.Parser;

/**
 * {@code bench --parse-floor}'s transform: the pass-through plus the two steps no jsoup-based cleaning can skip, the
 * decode stage and jsoup's parse of each HTML item into a DOM (with the pipeline's depth limit); the document is then
 * dropped and the record copied unchanged. Its throughput is the most any pipeline that parses its pages with jsoup
 * could reach on the machine, so its ratio to the pass-through bounds the pipeline's.
 */
final class ParseFloor implements RecordTransform {
    private final PassThrough passThrough;
    private final DecodeBytes decode = new DecodeBytes();
    private final int maxDepth;

    ParseFloor(String topic, int maxDepth) {
        this.passThrough = new PassThrough(topic);
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
        return passThrough.apply(record);
    }
}
