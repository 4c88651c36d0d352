/** Every meter the worker publishes, declared in one place ({@link io.wireingest.worker.metrics.WorkerMetrics}). */
package io.wireingest.worker.metrics;
