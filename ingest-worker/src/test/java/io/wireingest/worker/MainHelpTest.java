package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
