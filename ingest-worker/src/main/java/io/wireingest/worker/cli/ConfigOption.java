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

    /**
     * The embedded broker's address file the bootstrap servers were read from, when KAFKA_BOOTSTRAP_SERVERS is not
     * set (see {@link #bootstrap}); empty when they were configured.
     */
    static Optional<Path> embeddedFile(WorkerConfig config) {
        return config.bootstrapServers().isPresent()
                ? Optional.empty()
                : Optional.of(config.dataDir().resolve("kafka").resolve(EMBEDDED_FILE));
    }

    private static final String EMBEDDED_FILE = "bootstrap.servers";

    /** The error for a broker that does not answer at an address read from the embedded broker's file. */
    static String staleEmbedded(String bootstrap, Path file) {
        return "no broker answers at " + bootstrap + " (from " + file
                + ", written by a run with an embedded broker: is it still running? Start `run`, or set"
                + " KAFKA_BOOTSTRAP_SERVERS)";
    }

    /**
     * Whether something accepts TCP connections at one of the {@code host:port} addresses (a quick check, so that a
     * stale embedded-broker address fails at once instead of after the client's timeouts and warnings).
     */
    static boolean listening(String bootstrap) {
        for (String address : bootstrap.split(",")) {
            String a = address.trim();
            int colon = a.lastIndexOf(':');
            if (colon <= 0) {
                return true; // not host:port: let the Kafka client judge it
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                String host = a.substring(0, colon).replace("[", "").replace("]", "");
                socket.connect(new java.net.InetSocketAddress(host, Integer.parseInt(a.substring(colon + 1))), 2000);
                return true;
            } catch (java.io.IOException | RuntimeException e) {
                // try the next one
            }
        }
        return false;
    }
}
