package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainHelpTest {
    /** picocli formats descriptions with String.format: a bare '%' makes it warn on stderr and print the raw text. */
    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder usages = new StringBuilder();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = Main.commandLine();
            usages.append(cli.getUsageMessage());
            cli.getSubcommands().values().forEach(sub -> usages.append(sub.getUsageMessage()));
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(usages.toString())
                .contains("busy less than 10% of a")
                .doesNotContain("%n")
                .doesNotContain("${DEFAULT-VALUE}");
    }

    /**
     * The top-level help lists each command with the first line of its description: that line must be a whole
     * sentence (a summary cut at a comma reads as broken).
     */
    @Test
    void everyCommandSummaryInTheTopLevelHelpIsAWholeSentence() {
        String usage = Main.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> lines = usage.lines().toList();
        int start = lines.indexOf("Commands:");
        assertThat(start).as("a Commands: section in%n%s", usage).isNotNegative();
        Map<String, StringBuilder> summaries = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.isBlank()) {
                break;
            }
            java.util.regex.Matcher entry =
                    java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (entry.matches()) {
                current = new StringBuilder(entry.group(2).trim());
                summaries.put(entry.group(1), current);
            } else {
                assertThat(current)
                        .as("a continuation line after a command: '%s'", line)
                        .isNotNull();
                current.append(' ').append(line.trim());
            }
        }
        assertThat(summaries.keySet())
                .containsAll(Main.commandLine().getSubcommands().keySet());
        summaries.forEach((name, summary) -> assertThat(summary.toString())
                .as("summary of %s", name)
                .matches("[A-Z].*\\.")
                .satisfies(s -> assertThat(s.chars().filter(c -> c == '(').count())
                        .as("parentheses closed in '%s'", s)
                        .isEqualTo(s.chars().filter(c -> c == ')').count())));
    }

    /** {@code run --help} names every way it exits 1; {@code bench --help} lists its exit codes like the others. */
    @Test
    void runAndBenchHelpListEveryExitCode() {
        CommandLine cli = Main.commandLine();
        String run = cli.getSubcommands()
                .get("run")
                .getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
        assertThat(run)
                .contains("Exit codes: 0 stopped by SIGTERM/SIGINT")
                .contains("1 fatal broker error")
                .contains("brokers unreachable within INGEST_BROKER_WAIT_MS")
                .contains("threads not stopped within INGEST_SHUTDOWN_TIMEOUT_MS")
                .contains("the HTTP port (INGEST_HTTP_PORT) in use")
                .contains("the embedded broker's data directory in use by another process")
                .contains("2 invalid configuration.");
        String bench = cli.getSubcommands()
                .get("bench")
                .getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
        assertThat(bench)
                .contains("Exit codes: 0 measured (also after such a WARNING), 1 the run failed (broker, worker),"
                        + " 2 usage error (bad option, invalid configuration).")
                .contains("bench: WARNING: not at steady state");
    }

    /** The help of the commands that send says which line ends a run whose sends are not acknowledged. */
    @Test
    void publishAndReplayHelpNameTheStallLine() {
        CommandLine cli = Main.commandLine();
        for (String command : List.of("publish", "replay-rejected")) {
            String help = cli.getSubcommands()
                    .get(command)
                    .getUsageMessage(CommandLine.Help.Ansi.OFF)
                    .replaceAll("\\s+", " ");
            assertThat(help)
                    .as(command)
                    .contains("`" + command + ": failed: the Kafka brokers at ... stopped acknowledging ...`")
                    .contains("refusing every write with an error the producer retries, e.g. NOT_ENOUGH_REPLICAS")
                    .contains("Give up when the brokers have acknowledged nothing for SECONDS");
        }
    }

    @Test
    void anUnhandledFailureIsOneLineWithItsCausesAndExitsOne() {
        CommandLine cli = Main.commandLine();
        CommandLine publish = cli.getSubcommands().get("publish");
        java.io.StringWriter err = new java.io.StringWriter();
        publish.setErr(new java.io.PrintWriter(err, true));
        int code = Main.unexpected(
                new IllegalStateException(
                        "send failed\nsecond line", new java.io.IOException("No space left on device")),
                publish,
                null);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("publish: failed: IllegalStateException: send failed <- caused by IOException: No space"
                        + " left on device" + System.lineSeparator());
    }
}
