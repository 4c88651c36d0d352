/**
 * The Kafka side of the worker: the transactional consume → transform → produce loop (one consumer and one
 * transactional producer per thread), dead letters, topic creation, broker-error classification, the embedded
 * single-node KRaft broker and the bundled samples.
 */
package io.wireingest.worker.kafka;
