package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up against brokers that never answer: a clear error naming the address, or a prompt stop when asked. */
class WorkerServiceStartTest {
    private static WorkerConfig unreachable() throws WorkerConfig.InvalidConfigException {
        return WorkerConfig.load(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "INGEST_HTTP_PORT", "0"), new Properties());
    }

    @Test
    void unreachableBrokersAreNamedWithTheirConfigKey() throws Exception {
        WorkerService service = new WorkerService(unreachable(), Duration.ofSeconds(2));
        assertThatThrownBy(service::start)
                .isInstanceOf(WorkerService.BrokersUnreachableException.class)
                .hasMessage("cannot reach the Kafka brokers at 127.0.0.1:1 (KAFKA_BOOTSTRAP_SERVERS) within 2 s");
    }

    @Test
    void aStopRequestedWhileWaitingForTheBrokersCancelsTheStart() throws Exception {
        WorkerService service = new WorkerService(unreachable(), Duration.ofMinutes(10));
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                service.start();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(500);
        service.requestStop();
        // Generous bound: the point is that it does not wait out the ten-minute broker wait.
        assertThat(failure.get(60, TimeUnit.SECONDS)).isInstanceOf(WorkerService.StartCancelledException.class);
    }
}
