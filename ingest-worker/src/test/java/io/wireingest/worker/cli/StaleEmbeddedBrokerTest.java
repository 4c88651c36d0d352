package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands without KAFKA_BOOTSTRAP_SERVERS read the embedded broker's address file; when that file is left
 * over from a run that was killed, they say so at once instead of timing out with a bare client error.
 */
class StaleEmbeddedBrokerTest {
    @TempDir
    Path dir;

    private Path staleDataDir() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("kafka"));
        // port 1: nothing listens there
        Files.writeString(data.resolve("kafka/bootstrap.servers"), "127.0.0.1:1\n");
        Path config = dir.resolve("worker.properties");
        Files.writeString(config, "ingest.data.dir=" + data + "\n");
        return config;
    }

    @Test
    void publishNamesTheStaleAddressFile() throws Exception {
        Path config = staleDataDir();
        Files.writeString(dir.resolve("a.txt"), "Story.");
        CliRun r = CliRun.run(
                "",
                "publish",
                "--config",
                config.toString(),
                dir.resolve("a.txt").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText())
                .isEqualTo(
                        "publish: no broker answers at 127.0.0.1:1 (from " + dir.resolve("data/kafka/bootstrap.servers")
                                + ", written by a run with an embedded broker: is it still running? Start `run`, or set"
                                + " KAFKA_BOOTSTRAP_SERVERS)");
    }

    @Test
    void replayRejectedNamesTheStaleAddressFile() throws Exception {
        Path config = staleDataDir();
        CliRun r = CliRun.run("", "replay-rejected", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText())
                .startsWith("replay-rejected: no broker answers at 127.0.0.1:1 (from ")
                .contains("is it still running?");
    }
}
