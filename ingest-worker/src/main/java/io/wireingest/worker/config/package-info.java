/**
 * The worker's configuration: every key with its environment variable, properties-file key, default and doc in
 * {@link io.wireingest.worker.config.WorkerConfig}, validated as a whole at start-up.
 */
package io.wireingest.worker.config;
