package io.wireingest.core.model;

/** Where a raw item was read from: Kafka topic, partition and offset. */
public record SourcePosition(String topic, int partition, long offset) {}
