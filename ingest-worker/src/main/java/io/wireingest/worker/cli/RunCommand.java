package io.wireingest.worker.cli;

import io.wireingest.worker.Main;
import io.wireingest.worker.WorkerService;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.BrokerErrors;
import io.wireingest.worker.kafka.EmbeddedBroker;
import io.wireingest.worker.kafka.Worker;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: the service ({@link WorkerService}) until SIGTERM / SIGINT or a fatal error. SIGTERM: stop polling,
 * finish the open transactions, close, exit 0; a fatal broker error or an {@link Error} in a worker thread: abort,
 * close, exit 1; invalid configuration:
 * every problem listed, exit 2.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Kafka worker: wire.raw → pipeline → wire.articles / wire.rejected, exactly once.",
            "Configuration comes from environment variables and --config FILE (see docs/OPERATIONS.md).",
            "Without KAFKA_BOOTSTRAP_SERVERS an embedded broker is started (data under ./data/kafka).",
            "Start-up waits up to INGEST_BROKER_WAIT_MS (30 s) for the brokers (a SIGTERM meanwhile stops it at"
                    + " once, exit 0); /health/live and /metrics answer from the start.",
            // one element per paragraph: picocli wraps each, so a line break inside a sentence shows as a short line
            "Exit codes: 0 stopped by SIGTERM/SIGINT (also during start-up); 1 fatal broker error or an Error"
                    + " (out of memory, ...) in a worker thread, brokers"
                    + " unreachable within INGEST_BROKER_WAIT_MS at start-up, threads not stopped within"
                    + " INGEST_SHUTDOWN_TIMEOUT_MS, the HTTP port (INGEST_HTTP_PORT) in use, or the embedded broker's"
                    + " data directory in use by another process; 2 invalid configuration."
        })
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption configOption;

    @Override
    public Integer call() throws Exception {
        Optional<WorkerConfig> loaded = configOption.load("run", System.err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        WorkerConfig config = loaded.get();
        LOG.info("configuration: {}", String.join(", ", config.describe()));
        CountDownLatch stopRequested = new CountDownLatch(1);
        WorkerService service = new WorkerService(config);
        // A signal during start-up (e.g. while waiting for an unreachable broker) cancels it: exit 0 at once.
        Signals.onTermination(() -> {
            service.requestStop();
            stopRequested.countDown();
        });
        int exit;
        try {
            service.start();
            while (!stopRequested.await(500, TimeUnit.MILLISECONDS)) {
                if (service.terminated()) {
                    break;
                }
            }
            if (stopRequested.getCount() == 0) {
                LOG.info("termination requested: finishing open transactions");
            }
            exit = service.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = Worker.EXIT_FATAL;
        } catch (WorkerService.StartCancelledException e) {
            LOG.info("termination requested during start-up: stopped before the worker started");
            exit = 0;
        } catch (WorkerService.BrokersUnreachableException | EmbeddedBroker.DataDirInUseException e) {
            LOG.error("start-up failed: {}", e.getMessage());
            exit = Worker.EXIT_FATAL;
        } catch (Exception e) {
            LOG.error("start-up failed: {}", BrokerErrors.describe(e));
            exit = Worker.EXIT_FATAL;
        } finally {
            service.close();
        }
        LOG.info("wire-ingest stopped (exit {})", exit);
        return exit;
    }
}
