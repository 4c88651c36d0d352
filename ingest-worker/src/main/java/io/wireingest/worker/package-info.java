/** The wire-ingest worker: Kafka service and command-line entry points. */
package io.wireingest.worker;
