package io.wireingest.worker.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The identity transform: each record is copied to the output topic unchanged (the benchmark's baseline). */
public final class PassThrough implements RecordTransform {
    private final String topic;

    public PassThrough(String topic) {
        this.topic = topic;
    }

    @Override
    public Output apply(ConsumerRecord<byte[], byte[]> record) {
        return new Output(
                List.of(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())), null);
    }
}
