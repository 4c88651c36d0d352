/**
 * The worker's HTTP side (JDK {@code com.sun.net.httpserver}): liveness and readiness probes, Prometheus metrics,
 * the ingest door {@code POST /items} and {@code GET /articles} for inspection.
 */
package io.wireingest.worker.http;
