package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line measures what is known up front and ends at 100%. */
class ProgressTest {
    @Test
    void bytesBarShowsMiBAndTheDetail() {
        assertThat(Progress.line("publish", 1048576, 2097152, Progress.Unit.BYTES, "6 items sent"))
                .isEqualTo("publish [###############---------------] 1.0/2.0 MiB (50%), 6 items sent");
    }

    @Test
    void smallInputsAreShownInKiB() {
        assertThat(Progress.line("publish", 61440, 61440, Progress.Unit.BYTES, "1457 items sent"))
                .endsWith("] 60.0/60.0 KiB (100%), 1457 items sent");
    }

    @Test
    void offsetsBarCountsOffsetsNotRecords() {
        assertThat(Progress.line("replay-rejected", 6, 6, Progress.Unit.OFFSETS, "3 dead letters read, 1 matched"))
                .isEqualTo(
                        "replay-rejected [" + "#".repeat(30) + "] 6/6 offsets (100%), 3 dead letters read, 1 matched");
    }

    @Test
    void unknownTotalHasNoBarAndDoneNeverExceedsTheTotal() {
        assertThat(Progress.line("publish", 0, 0, Progress.Unit.BYTES, "3 items sent"))
                .isEqualTo("publish 0.0 KiB, 3 items sent");
        assertThat(Progress.line("bench", 12, 10, Progress.Unit.ITEMS, "x")).contains("(100%)");
    }

    @Test
    void finishPrintsTheLastLineAlsoWithoutATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), "publish", 100, Progress.Unit.BYTES, false);
        progress.finish(100, "6 items sent");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("(100%), 6 items sent");
    }
}
