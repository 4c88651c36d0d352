package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import io.wireingest.worker.testing.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers in separate JVMs, treated the way a supervisor treats them: killed without warning (SIGKILL) mid-stream
 * and restarted, stopped with SIGTERM, and started with a broken configuration.
 */
@ExtendWith(SharedKafka.class)
class WorkerProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void workerKilledMidStreamAndRestartedLeavesEveryInputExactlyOnce() throws Exception {
        TestTopics topics = TestTopics.create("sigkill", 3);
        int total = 300;
        TestTopics.produce(ExactlyOnce.records(topics, "k", 0, 200));
        Map<String, String> env = new HashMap<>(topics.env("killed"));
        env.put("INGEST_MAX_POLL_RECORDS", "10");
        // The killed member stays in the group until its session times out: keep that short for the test.
        env.put("KAFKA_CLIENT_SESSION_TIMEOUT_MS", "8000");
        env.put("KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1000");

        long committedAtKill;
        try (WorkerProcess first = WorkerProcess.start(env, temp.resolve("first.log"), "run")) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(first.alive())
                        .as("worker JVM alive; log:\n%s", first.logText())
                        .isTrue();
                return TestTopics.readCommitted(topics.articles(), 0, Duration.ofMillis(300))
                                .size()
                        >= 30;
            });
            first.kill();
            committedAtKill = TestTopics.readCommitted(topics.articles(), 0, Duration.ofSeconds(1))
                    .size();
        }
        // The killed worker may have left a transaction open (records written, not committed): read_committed never
        // shows them, and the restarted worker (same transactional ids) aborts it and re-reads from the last commit.
        TestTopics.produce(ExactlyOnce.records(topics, "k", 200, total));
        try (WorkerProcess second = WorkerProcess.start(env, temp.resolve("second.log"), "run")) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(second.alive())
                        .as("worker JVM alive; log:\n%s", second.logText())
                        .isTrue();
                return TestTopics.readCommitted(topics.articles(), 0, Duration.ofMillis(500))
                                .size()
                        >= total;
            });
            second.terminate();
            assertThat(second.waitFor(60)).isZero();
        }
        assertThat(committedAtKill).as("killed mid-stream").isLessThan(total);
        ExactlyOnce.assertExactlyOnce(
                TestTopics.readCommitted(topics.articles(), total, WAIT), ExactlyOnce.expectedHashes("k", 0, total));
    }

    @Test
    void sigtermFinishesTheOpenTransactionAndExitsZero() throws Exception {
        TestTopics topics = TestTopics.create("sigterm", 3);
        TestTopics.produce(ExactlyOnce.records(topics, "t", 0, 200));
        Map<String, String> env = new HashMap<>(topics.env("terminated"));
        env.put("INGEST_MAX_POLL_RECORDS", "10");
        try (WorkerProcess worker = WorkerProcess.start(env, temp.resolve("term.log"), "run")) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(worker.alive())
                        .as("worker JVM alive; log:\n%s", worker.logText())
                        .isTrue();
                return !TestTopics.readCommitted(topics.articles(), 0, Duration.ofMillis(300))
                        .isEmpty();
            });
            worker.terminate();
            assertThat(worker.waitFor(60)).as(worker.logText()).isZero();
            assertThat(worker.logText())
                    .contains("SIGTERM received")
                    .contains("no transaction open")
                    .contains("wire-ingest stopped (exit 0)");
        }
        // Whatever was committed before the stop is there once.
        var articles = TestTopics.readCommitted(topics.articles(), 1, Duration.ofSeconds(5));
        assertThat(ExactlyOnce.counts(articles).values()).allMatch(c -> c == 1);
    }

    @Test
    void invalidConfigurationIsReportedAllAtOnceWithExitCodeTwo() throws Exception {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
                "INGEST_THREADS", "many",
                "INGEST_RAW_TOPIC", "bad topic!",
                "INGEST_HTTP_PORT", "70000",
                "INGEST_HTTP_TOKEN", "short");
        try (WorkerProcess worker = WorkerProcess.start(env, temp.resolve("config.log"), "run")) {
            assertThat(worker.waitFor(60)).isEqualTo(2);
            assertThat(worker.logText())
                    .contains("invalid configuration (4 problems)")
                    .contains("INGEST_THREADS must be a whole number, not 'many'")
                    .contains("INGEST_RAW_TOPIC 'bad topic!' is not a valid topic name")
                    .contains("INGEST_HTTP_PORT must be a port number (0-65535), not 70000")
                    .contains("INGEST_HTTP_TOKEN is too short")
                    .doesNotContain("short'");
        }
    }

    @Test
    void sigtermWhileWaitingForUnreachableBrokersExitsZero() throws Exception {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "INGEST_HTTP_PORT", "0");
        try (WorkerProcess worker = WorkerProcess.start(env, temp.resolve("unreachable.log"), "run")) {
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> worker.logText().contains("waiting for the Kafka brokers at 127.0.0.1:1"));
            worker.terminate();
            // Well inside the 30 s broker wait (and a Kubernetes grace period).
            assertThat(worker.waitFor(25)).as(worker.logText()).isZero();
            assertThat(worker.logText())
                    .contains("termination requested during start-up")
                    .contains("wire-ingest stopped (exit 0)");
        }
    }
}
