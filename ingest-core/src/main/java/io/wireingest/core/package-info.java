/**
 * wire-ingest core: turns one raw agency item into normalized ninjs articles. Pure library: no Kafka, no logging, no
 * I/O beyond the bytes it is handed. Entry point: {@link io.wireingest.core.pipeline.IngestPipeline}.
 */
package io.wireingest.core;
