package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad option values are usage errors (exit 2) with a message that names the option, before any broker is used. */
class CommandOptionsTest {
    @TempDir
    Path dir;

    @Test
    void replayRejectsANegativeLimit() {
        CliRun r = CliRun.run("", "replay-rejected", "--limit", "-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).contains("replay-rejected: --limit: expected a positive number of records, got -1");
    }

    @Test
    void publishAndReplayRejectANonPositiveTimeout() {
        CliRun publish = CliRun.run("", "publish", "--timeout", "0", "-");
        assertThat(publish.exit()).isEqualTo(2);
        assertThat(publish.errText()).contains("publish: --timeout: expected a positive number of seconds, got 0");
        CliRun replay = CliRun.run("", "replay-rejected", "--timeout", "-5");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.errText())
                .contains("replay-rejected: --timeout: expected a positive number of seconds, got -5");
    }

    @Test
    void replayRejectsAnIllegalTargetTopic() {
        CliRun r = CliRun.run("", "replay-rejected", "--to-topic", "bad topic!");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).contains("replay-rejected: --to-topic: 'bad topic!' is not a valid topic name");
    }

    @Test
    void replayRejectsTheDeadLetterTopicAsTarget() {
        CliRun r = CliRun.run("", "replay-rejected", "--to-topic", "wire.rejected");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).contains("is the dead-letter topic");
    }

    @Test
    void replayNamesTheTimeOptionAndItsFormat() {
        CliRun r = CliRun.run("", "replay-rejected", "--since", "yesterday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText())
                .contains("replay-rejected: --since: expected an ISO-8601 instant like 2024-05-01T08:00:00Z")
                .contains("got 'yesterday'");
        CliRun backwards =
                CliRun.run("", "replay-rejected", "--since", "2024-05-02T00:00:00Z", "--until", "2024-05-01T00:00:00Z");
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.errText()).contains("--since (2024-05-02T00:00:00Z) must be before --until");
    }

    @Test
    void normalizeNamesTheReceivedAtOptionAndItsFormat() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "Story.");
        CliRun r = CliRun.run("", "normalize", "--received-at", "yesterday", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .containsExactly("normalize: --received-at: expected an ISO-8601 instant like 2024-05-01T08:00:00Z"
                        + " (or with an offset, 2024-05-01T15:00:00+07:00), got 'yesterday'");
    }

    @Test
    void benchWithAMissingInputFolderIsAUsageError() {
        CliRun r = CliRun.run("", "bench", "--input", dir.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).containsExactly("bench: --input: no such folder: " + dir.resolve("nope"));
    }
}
