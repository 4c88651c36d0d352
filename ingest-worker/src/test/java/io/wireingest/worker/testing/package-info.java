/** Test support: the shared in-JVM Kafka cluster, per-test topics, and separate worker JVMs. */
package io.wireingest.worker.testing;
