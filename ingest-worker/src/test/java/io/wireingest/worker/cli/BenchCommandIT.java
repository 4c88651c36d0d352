package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.Main;
import io.wireingest.worker.testing.SharedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} end to end against the test broker, small and without warm-up: both phases run over the same items,
 * nothing is rejected, and the last line is the ratio line the README promises. No timing is asserted.
 */
@ExtendWith(SharedKafka.class)
class BenchCommandIT {
    @TempDir
    Path temp;

    private record Run(int exit, List<String> out, String err) {}

    private Run bench(String... args) throws Exception {
        Path config = temp.resolve("worker.properties");
        Files.writeString(config, "kafka.bootstrap.servers=" + SharedKafka.bootstrapServers() + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 3];
            all[0] = "bench";
            all[1] = "--config";
            all[2] = config.toString();
            System.arraycopy(args, 0, all, 3, args.length);
            exit = Main.commandLine().execute(all);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void measuresBothPhasesAndEndsWithTheRatioLine() throws Exception {
        Run run = bench("--items", "40", "--rounds", "2", "--warm-up-seconds", "0", "--threads", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).filteredOn(l -> l.startsWith("round ")).hasSize(2);
        assertThat(run.out()).filteredOn(l -> l.startsWith("warm-up round")).isEmpty();
        assertThat(run.out())
                .filteredOn(l -> l.startsWith("pipeline:"))
                .hasSize(2)
                .allSatisfy(l ->
                        assertThat(l).startsWith("pipeline:   40 items in ").doesNotContain("rejected"));
        assertThat(run.out()).filteredOn(l -> l.startsWith("passthrough:")).hasSize(2);
        assertThat(run.out().get(run.out().size() - 1))
                .matches("pipeline/passthrough throughput ratio: \\d+\\.\\d\\d \\(pipeline \\d+ items/s, passthrough"
                        + " \\d+ items/s, 40 items, avg \\d+\\.\\d KiB\\)");
    }

    @Test
    void parseFloorAddsAThirdPhaseAndItsRatioBeforeTheLastLine() throws Exception {
        Run run = bench("--items", "30", "--rounds", "2", "--warm-up-seconds", "0", "--threads", "1", "--parse-floor");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .filteredOn(l -> l.startsWith("parse-floor:"))
                .hasSize(2)
                .allSatisfy(l ->
                        assertThat(l).startsWith("parse-floor: 30 items in ").doesNotContain("rejected"));
        List<String> out = run.out();
        assertThat(out.get(out.size() - 2))
                .matches("parse-floor/passthrough throughput ratio: \\d+\\.\\d\\d \\(parse floor \\d+ items/s,"
                        + " passthrough \\d+ items/s\\)");
        assertThat(out.get(out.size() - 1)).startsWith("pipeline/passthrough throughput ratio: ");
    }

    @Test
    void refusesANegativeWarmUp() throws Exception {
        Run run = bench("--warm-up-seconds", "-1");

        assertThat(run.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("--warm-up-seconds");
    }
}
