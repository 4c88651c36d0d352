/** JMH benchmarks (run through the {@code jmh} Maven profile, never by the test command). */
package io.wireingest.core.bench;
