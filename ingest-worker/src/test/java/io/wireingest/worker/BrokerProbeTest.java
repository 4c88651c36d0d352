package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** /health/ready's broker check never makes the probe wait on brokers that are away. */
class BrokerProbeTest {
    @Test
    void aProbeIsAnsweredFromTheLatestCheckWhileTheNextRunsInTheBackground() throws Exception {
        // Nothing listens on port 1: a check can only end in its own 2 s timeout.
        try (Admin admin = Admin.create(Map.of(
                "bootstrap.servers", "127.0.0.1:1", "reconnect.backoff.max.ms", "1000", "retry.backoff.ms", "100"))) {
            WorkerService.BrokerProbe probe = new WorkerService.BrokerProbe(admin);

            // Answered (not ready) while the first check is still waiting for the brokers...
            assertThat(probe.answers()).isFalse();
            assertThat(probe.checking()).isTrue();
            // ... and again without starting a second check.
            assertThat(probe.answers()).isFalse();

            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.checking());
            assertThat(probe.answers()).isFalse();
        }
    }
}
