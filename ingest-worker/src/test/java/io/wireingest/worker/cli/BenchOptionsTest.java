package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench}: each bad option is reported on its own line naming the option and its value, all at once, before
 * any broker is started (exit 2); and when the result gets the steady-state warning.
 */
class BenchOptionsTest {
    @TempDir
    Path dir;

    @Test
    void eachBadOptionGetsItsOwnMessageAllAtOnce() {
        CliRun r = CliRun.run(
                "",
                "bench",
                "--items",
                "0",
                "--rounds",
                "-2",
                "--warm-up-seconds",
                "-1",
                "--threads",
                "0",
                "--partitions",
                "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .containsExactly(
                        "bench: --items must be at least 1, not 0",
                        "bench: --rounds must be at least 1, not -2",
                        "bench: --warm-up-seconds must be at least 0 (0 skips the warm-up), not -1",
                        "bench: --threads must be at least 1, not 0",
                        "bench: --partitions must be at least 1, not 0");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreachableBrokersFailPromptlyNamingTheAddressAndItsKey() throws Exception {
        int port;
        try (java.net.ServerSocket unused = new java.net.ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        Path file = dir.resolve("bench.properties");
        Files.writeString(file, "kafka.bootstrap.servers=127.0.0.1:" + port + "\ningest.broker.wait.ms=1000\n");
        CliRun r = CliRun.run(
                "", "bench", "--config", file.toString(), "--items", "1", "--rounds", "1", "--warm-up-seconds", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("bench: failed: cannot reach the Kafka brokers at 127.0.0.1:" + port
                        + " (kafka.bootstrap.servers in " + file + ") within 1 s (ingest.broker.wait.ms in " + file
                        + ")");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void negativeItemsAreNamed() {
        CliRun r = CliRun.run("", "bench", "--items", "-5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsExactly("bench: --items must be at least 1, not -5");
    }

    @Test
    void itemSizesAreCheckedOneByOne() {
        assertThat(CliRun.run("", "bench", "--min-kb", "0").err())
                .containsExactly("bench: --min-kb must be at least 1, not 0");
        CliRun backwards = CliRun.run("", "bench", "--min-kb", "60", "--max-kb", "2");
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.err()).containsExactly("bench: --max-kb (2) must be at least --min-kb (60)");
        assertThat(CliRun.run("", "bench", "--max-kb", "3000000").err())
                .containsExactly("bench: --max-kb must be at most 1048576 (1 GiB), not 3000000");
    }

    @Test
    void threadsZeroNamesTheOptionNotTheConfigurationKey() {
        CliRun r = CliRun.run("", "bench", "--threads", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).contains("--threads must be at least 1, not 0").doesNotContain("INGEST_THREADS");
    }

    @Test
    void anInputFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("story.txt"), "JAKARTA (ANTARA) - Story.");
        CliRun r = CliRun.run("", "bench", "--input", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .containsExactly(
                        "bench: --input: " + file + " is a file, not a folder (give the folder that holds the files)");
    }

    @Test
    void optionAndConfigurationProblemsAreListedTogether() throws Exception {
        Path config = Files.writeString(dir.resolve("bench.properties"), "ingest.threads=zero\n");
        CliRun r = CliRun.run("", "bench", "--config", config.toString(), "--rounds", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText())
                .contains("bench: --rounds must be at least 1, not 0")
                .contains("bench: invalid configuration (1 problem):")
                .contains("ingest.threads");
    }

    @Test
    void noWarningAfterASettledWarmUpAndQuietRounds() {
        assertThat(BenchCommand.steadyStateWarning(240, OptionalDouble.of(0.08), new double[] {0.16, 0.23, 0.11}))
                .isEmpty();
        // --warm-up-seconds 0 asks for a cold JVM; only busy measured rounds warn
        assertThat(BenchCommand.steadyStateWarning(0, OptionalDouble.empty(), new double[] {0.2}))
                .isEmpty();
        // exactly at the threshold is still steady
        assertThat(BenchCommand.steadyStateWarning(240, OptionalDouble.of(0.05), new double[] {0.25}))
                .isEmpty();
    }

    @Test
    void aWarmUpStoppedAtItsLimitWarns() {
        assertThat(BenchCommand.steadyStateWarning(10, OptionalDouble.of(1.01), new double[] {0.2}))
                .contains("bench: WARNING: not at steady state (warm-up stopped at its 10 s limit with the JIT"
                        + " compiler still busy 101%); the ratio below compares code still being compiled. Use more"
                        + " --items or a longer --warm-up-seconds.");
    }

    @Test
    void busyMeasuredRoundsWarnAndAreNamed() {
        assertThat(BenchCommand.steadyStateWarning(10, OptionalDouble.of(1.01), new double[] {1.01}))
                .contains("bench: WARNING: not at steady state (warm-up stopped at its 10 s limit with the JIT"
                        + " compiler still busy 101%; the JIT compiler busy more than 25% in measured round 1 (101%));"
                        + " the ratio below compares code still being compiled. Use more --items or a longer"
                        + " --warm-up-seconds.");
        assertThat(BenchCommand.steadyStateWarning(240, OptionalDouble.of(0.05), new double[] {0.4, 0.1, 0.3}))
                .hasValueSatisfying(w -> assertThat(w)
                        .startsWith("bench: WARNING: not at steady state (the JIT compiler busy more than 25% in"
                                + " measured rounds 1 (40%), 3 (30%));"));
        assertThat(BenchCommand.steadyStateWarning(0, OptionalDouble.empty(), new double[] {0.9}))
                .hasValueSatisfying(w -> assertThat(w).contains("measured round 1 (90%)"));
    }
}
