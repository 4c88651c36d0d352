package io.wireingest.worker.cli;

import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.EmbeddedBroker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the Kafka commands, and loading the configuration it names. */
public final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with configuration keys (ingest.*, kafka.*); environment variables win.")
    Path file;

    /** Loads and validates; on problems prints them all to {@code err} and returns empty. */
    public Optional<WorkerConfig> load(String command, PrintStream err) {
        try {
            return Optional.of(WorkerConfig.load(file));
        } catch (WorkerConfig.InvalidConfigException e) {
            err.println(command + ": invalid configuration (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + "):");
            e.problems().forEach(p -> err.println("  - " + p));
            return Optional.empty();
        }
    }

    /**
     * The broker a client command talks to: KAFKA_BOOTSTRAP_SERVERS, else the embedded broker of a running
     * {@code run} that uses the same data directory.
     */
    public static Optional<String> bootstrap(WorkerConfig config) {
        return config.bootstrapServers()
                .or(() -> EmbeddedBroker.runningAt(config.dataDir().resolve("kafka")));
    }
}
