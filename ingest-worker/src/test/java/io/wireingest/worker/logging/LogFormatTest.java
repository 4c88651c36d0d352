package io.wireingest.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worker's own logback.xml, as shipped in the jar. */
class LogFormatTest {
    /**
     * Item ids and feeds come from producers and end up in log lines: a line break in one must not start a forged
     * log line (an "ERROR" that never happened), so the message's line breaks are written as a visible \n.
     */
    @Test
    void aLineBreakInALoggedValueCannotForgeALogLine() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            context.getLogger("io.wireingest.worker.kafka.NormalizeRecord")
                    .warn(
                            "rejected item {} of feed {}",
                            "inj1\n23:59:59.999 ERROR [main] Worker - FORGED\r\nLINE",
                            "antara-id");
        } finally {
            context.stop();
            System.setErr(original);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(1);
        assertThat(out)
                .contains("WARN ")
                .contains(
                        "rejected item inj1 \\n 23:59:59.999 ERROR [main] Worker - FORGED \\n LINE of feed antara-id");
    }
}
