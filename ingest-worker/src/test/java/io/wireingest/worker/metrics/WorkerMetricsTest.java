package io.wireingest.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wireingest.core.pipeline.StageName;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Prometheus sees of the worker's meters: series present from the start, histograms, the group-lag gauges. */
class WorkerMetricsTest {
    /** The sample lines of a scrape (no comments). */
    private static List<String> samples(WorkerMetrics metrics) {
        return Arrays.stream(metrics.scrape().split("\n"))
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .toList();
    }

    @Test
    void abortCausesAndBusyPathsAreScrapedAtZeroBeforeTheirFirstEvent() {
        List<String> lines = samples(WorkerMetrics.prometheus());

        for (String cause : List.of("retriable", "rebalance", "fatal")) {
            assertThat(lines).contains("ingest_transactions_aborted_total{cause=\"" + cause + "\"} 0.0");
        }
        assertThat(lines)
                .contains(
                        "ingest_http_requests_busy_total{path=\"/items\"} 0.0",
                        "ingest_http_requests_busy_total{path=\"/articles\"} 0.0");
        // What the restart alert watches (deploy/prometheus/alerts.yml).
        assertThat(lines).anyMatch(l -> l.startsWith("process_start_time_seconds "));
    }

    @Test
    void countingAPreRegisteredSeriesAddsNoOther() {
        WorkerMetrics metrics = WorkerMetrics.prometheus();
        metrics.aborted("fatal");
        metrics.httpBusy("/items");
        List<String> lines = samples(metrics);

        assertThat(lines)
                .contains(
                        "ingest_transactions_aborted_total{cause=\"fatal\"} 1.0",
                        "ingest_http_requests_busy_total{path=\"/items\"} 1.0");
        assertThat(lines.stream().filter(l -> l.startsWith("ingest_transactions_aborted_total")))
                .hasSize(3);
        assertThat(lines.stream().filter(l -> l.startsWith("ingest_http_requests_busy_total")))
                .hasSize(2);
    }

    @Test
    void everyTimerIsAPrometheusHistogramWithoutQuantileSeries() {
        WorkerMetrics metrics = WorkerMetrics.prometheus();
        metrics.transaction(Duration.ofMillis(40));
        metrics.endToEnd(Duration.ofSeconds(2));
        metrics.pipelineDelay(Duration.ofMillis(300));
        metrics.stageNanos(Map.of(StageName.PARSE, 2_000_000L));
        List<String> lines = samples(metrics);

        for (String timer : List.of(
                "ingest_transaction_duration_seconds",
                "ingest_end_to_end_latency_seconds",
                "ingest_pipeline_delay_seconds",
                "ingest_stage_duration_seconds")) {
            assertThat(lines).anyMatch(l -> l.startsWith(timer + "_bucket{"));
            assertThat(lines).anyMatch(l -> l.startsWith(timer + "_count"));
        }
        // The documented way to a percentile is histogram_quantile over the buckets: no client-side quantiles.
        assertThat(lines).noneMatch(l -> l.contains("quantile="));
        assertThat(metrics.scrape()).contains("# TYPE ingest_transaction_duration_seconds histogram");
    }

    @Test
    void aSimpleRegistryKeepsTheTransactionPercentilesTheBenchmarkReads() {
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        metrics.transaction(Duration.ofMillis(40));

        ValueAtPercentile[] values = metrics.transactionTimer().takeSnapshot().percentileValues();
        assertThat(Arrays.stream(values).map(ValueAtPercentile::percentile)).containsExactly(0.5, 0.99);
    }

    @Test
    void negativeLatenciesFromClockSkewAreNotRecorded() {
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
        metrics.endToEnd(Duration.ofMillis(-5));
        metrics.pipelineDelay(Duration.ofMillis(-5));
        metrics.pipelineDelay(Duration.ofMillis(5));

        assertThat(metrics.registry()
                        .find(WorkerMetrics.END_TO_END_LATENCY)
                        .timer()
                        .count())
                .isZero();
        assertThat(metrics.registry().find(WorkerMetrics.PIPELINE_DELAY).timer().count())
                .isEqualTo(1);
    }

    @Test
    void theGroupLagGaugesReadNaNUntilACheckSetsThemAndAfterAFailedOne() {
        WorkerMetrics metrics = WorkerMetrics.prometheus();
        metrics.registerGroupLag("wire.raw");
        assertThat(samples(metrics))
                .contains(
                        "ingest_group_lag{topic=\"wire.raw\"} NaN",
                        "ingest_group_stalled_partitions{topic=\"wire.raw\"} NaN");

        metrics.groupLag("wire.raw", 42, 2);
        assertThat(samples(metrics))
                .contains(
                        "ingest_group_lag{topic=\"wire.raw\"} 42.0",
                        "ingest_group_stalled_partitions{topic=\"wire.raw\"} 2.0");

        metrics.groupLagUnknown("wire.raw");
        assertThat(samples(metrics)).contains("ingest_group_lag{topic=\"wire.raw\"} NaN");
    }
}
