package io.wireingest.worker.kafka;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.core.pipeline.Outcome;
import io.wireingest.core.pipeline.Rejection;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's transform: reads the record into a raw item, runs the pipeline, and answers with the articles (key =
 * article uri) or one dead letter. One input may give several articles (a feed, a newsMessage): they all go out in
 * the same transaction. An article bigger than the largest record the worker sends turns the item into a dead
 * letter (stage {@code publish}, reason {@code too-large}) instead of failing the transaction over and over.
 */
public final class NormalizeRecord implements RecordTransform {
    /** Stage id of a refusal after the pipeline: the article cannot be sent. */
    public static final String PUBLISH_STAGE = "publish";

    private static final Logger LOG = LoggerFactory.getLogger(NormalizeRecord.class);
    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    private final IngestPipeline pipeline;
    private final String articlesTopic;
    private final DeadLetters deadLetters;
    private final int maxRecordBytes;
    private final WorkerMetrics metrics;

    public NormalizeRecord(
            IngestPipeline pipeline,
            String articlesTopic,
            DeadLetters deadLetters,
            int maxRecordBytes,
            WorkerMetrics metrics) {
        this.pipeline = pipeline;
        this.articlesTopic = articlesTopic;
        this.deadLetters = deadLetters;
        this.maxRecordBytes = maxRecordBytes;
        this.metrics = metrics;
    }

    @Override
    public Output apply(ConsumerRecord<byte[], byte[]> record) {
        RawItem item;
        try {
            item = ReadRawItem.read(record);
        } catch (ReadRawItem.UnreadableRecordException e) {
            return reject(
                    record,
                    null,
                    e.itemId(),
                    e.feed(),
                    ReadRawItem.STAGE,
                    e.reason(),
                    e.getClass().getName(),
                    e.getMessage());
        }
        Outcome outcome = pipeline.process(item);
        metrics.stageNanos(outcome.stageNanos());
        if (outcome instanceof Outcome.Rejected rejected) {
            Rejection r = rejected.rejection();
            return reject(record, item, null, null, r.stage().id(), r.reason(), r.errorClass(), r.detail());
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (Article article : ((Outcome.Normalized) outcome).articles()) {
            byte[] key = article.uri().getBytes(StandardCharsets.UTF_8);
            byte[] value = article.toJsonBytes();
            if (key.length + value.length + 64 > maxRecordBytes) {
                return reject(
                        record,
                        item,
                        null,
                        null,
                        PUBLISH_STAGE,
                        "too-large",
                        null,
                        "article " + article.uri() + " is " + value.length + " bytes, over the record limit of "
                                + maxRecordBytes);
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(IngestHeaders.CONTENT_TYPE, JSON);
            out.add(new ProducerRecord<>(articlesTopic, null, key, value, headers));
        }
        metrics.published(out.size());
        return new Output(out, item.receivedAt());
    }

    private Output reject(
            ConsumerRecord<byte[], byte[]> record,
            RawItem item,
            String namedId,
            String namedFeed,
            String stage,
            String reason,
            String errorClass,
            String message) {
        // Without an item, the id and feed the unreadable record named, else its headers', else its key.
        String feed = item != null
                ? item.feed()
                : namedFeed != null ? namedFeed : IngestHeaders.text(record.headers(), IngestHeaders.FEED);
        String id = item != null
                ? item.id()
                : namedId != null ? namedId : IngestHeaders.text(record.headers(), IngestHeaders.ITEM_ID);
        if (id == null && record.key() != null && record.key().length > 0) {
            id = new String(record.key(), StandardCharsets.UTF_8);
        }
        LOG.warn(
                "rejected item {} of feed {} at {}-{}@{}: stage {}, reason {}",
                id,
                feed,
                record.topic(),
                record.partition(),
                record.offset(),
                stage,
                reason);
        metrics.rejected(stage, reason);
        // No receivedAt: the end-to-end latency is that of published items only.
        return new Output(List.of(deadLetters.deadLetter(record, stage, reason, errorClass, message, feed, id)), null);
    }
}
