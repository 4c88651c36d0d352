package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.worker.Main;
import io.wireingest.worker.kafka.DeadLetters;
import io.wireingest.worker.testing.ConsumedRecords;
import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.SharedKafka;
import io.wireingest.worker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish} and {@code replay-rejected} against the test broker, configured through {@code --config}. */
@ExtendWith(SharedKafka.class)
class PublishAndReplayIT {
    @TempDir
    Path temp;

    private Path configFile(TestTopics topics) throws Exception {
        return TestTopics.writeConfigFile(
                temp.resolve("worker.properties"), topics.raw(), topics.articles(), topics.rejected());
    }

    @Test
    void publishesFilesFoldersAndJsonLines() throws Exception {
        TestTopics topics = TestTopics.create("publish", 1);
        Path dir = Files.createDirectories(temp.resolve("archive/2026-03-12"));
        Files.writeString(dir.resolve("story-1.txt"), ExactlyOnce.story(1));
        Files.writeString(dir.resolve("page-2.html"), "<html><body><h1>Page two</h1><p>Text.</p></body></html>");
        // the same file name on another day is another story: item ids are paths relative to the folder argument
        Path nextDay = Files.createDirectories(temp.resolve("archive/2026-03-13"));
        Files.writeString(nextDay.resolve("story-1.txt"), ExactlyOnce.story(2));
        Files.writeString(temp.resolve("direct.txt"), ExactlyOnce.story(3));
        Files.writeString(
                temp.resolve("batch.jsonl"),
                "{\"id\":\"env-1\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"One.\"}\n\n"
                        + "{\"id\":\"env-2\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2026-03-12T03:01:00Z\",\"body\":\"Two.\"}\n");

        int exit = Main.commandLine()
                .execute(
                        "publish",
                        "--config",
                        configFile(topics).toString(),
                        "--feed",
                        "archive",
                        temp.resolve("archive").toString(),
                        temp.resolve("direct.txt").toString(),
                        temp.resolve("batch.jsonl").toString());
        assertThat(exit).isZero();

        List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readCommitted(topics.raw(), 6, Duration.ofSeconds(30));
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new TreeMap<>();
        raw.forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r));
        assertThat(byKey)
                .containsOnlyKeys(
                        "2026-03-12/story-1.txt",
                        "2026-03-13/story-1.txt",
                        "2026-03-12/page-2.html",
                        "direct.txt",
                        "env-1",
                        "env-2");
        ConsumerRecord<byte[], byte[]> page = byKey.get("2026-03-12/page-2.html");
        assertThat(TestTopics.header(page, "content-type")).isEqualTo("text/html");
        assertThat(TestTopics.header(page, "feed")).isEqualTo("archive");
        assertThat(TestTopics.header(page, "item-id")).isEqualTo("2026-03-12/page-2.html");
        assertThat(TestTopics.header(byKey.get("direct.txt"), "item-id")).isEqualTo("direct.txt");
        assertThat(io.wireingest.core.normalize.NormalizeArticle.uri("archive", "2026-03-13/story-1.txt"))
                .isEqualTo("urn:wireingest:archive:2026-03-13%2Fstory-1.txt");
        assertThat(TestTopics.header(page, "received-at")).isNotNull();
        assertThat(TestTopics.header(byKey.get("2026-03-12/story-1.txt"), "content-type"))
                .isEqualTo("text/plain");
        assertThat(new String(byKey.get("env-2").value(), StandardCharsets.UTF_8))
                .contains("\"body\":\"Two.\"");
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void publishesGzippedFilesAndJsonLinesUnpackedAndRefusesOversizedOnes() throws Exception {
        TestTopics topics = TestTopics.create("publish-gz", 1);
        Path dir = Files.createDirectories(temp.resolve("gz"));
        Files.write(dir.resolve("page-1.html.gz"), gzip("<html><body><h1>Page one</h1><p>Text.</p></body></html>"));
        Files.write(
                dir.resolve("batch.jsonl.gz"),
                gzip("{\"id\":\"gz-env-1\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"One.\"}\n"));
        Files.write(dir.resolve("huge.txt.gz"), gzip("x".repeat(5000)));
        Path config = configFile(topics);
        Files.writeString(config, Files.readString(config) + "ingest.max.item.bytes=4096\n");

        int exit = Main.commandLine()
                .execute("publish", "--config", config.toString(), "--feed", "archive", dir.toString());
        assertThat(exit)
                .as("the oversized file is reported, so not everything was sent")
                .isEqualTo(1);

        List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readCommitted(topics.raw(), 2, Duration.ofSeconds(30));
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new TreeMap<>();
        raw.forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r));
        assertThat(byKey).containsOnlyKeys("page-1.html", "gz-env-1");
        ConsumerRecord<byte[], byte[]> page = byKey.get("page-1.html");
        assertThat(TestTopics.header(page, "content-type")).isEqualTo("text/html");
        assertThat(TestTopics.header(page, "item-id")).isEqualTo("page-1.html");
        assertThat(new String(page.value(), StandardCharsets.UTF_8)).startsWith("<html><body><h1>Page one");
        assertThat(new String(byKey.get("gz-env-1").value(), StandardCharsets.UTF_8))
                .contains("\"body\":\"One.\"");
    }

    @Test
    void publishReportsInvalidEnvelopesWithExitCodeOne() throws Exception {
        TestTopics topics = TestTopics.create("publish-bad", 1);
        Files.writeString(temp.resolve("bad.jsonl"), "{\"id\":\"x\",\"body\":\"no feed\"}\n");
        int exit = Main.commandLine()
                .execute(
                        "publish",
                        "--config",
                        configFile(topics).toString(),
                        temp.resolve("bad.jsonl").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(TestTopics.readCommitted(topics.raw(), 0, Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void replaysSelectedDeadLettersWithTheirOriginalBytesAndHeaders() throws Exception {
        TestTopics topics = TestTopics.create("replay", 1);
        DeadLetters deadLetters = new DeadLetters(topics.rejected(), 1_000_000);
        RecordHeaders original = new RecordHeaders();
        original.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
        original.add("feed", "antara-id".getBytes(StandardCharsets.UTF_8));
        TestTopics.produce(List.of(
                deadLetters.deadLetter(
                        source("big-1", "B".repeat(100), original, 7),
                        "limits",
                        "too-large",
                        null,
                        "too big",
                        "antara-id",
                        "big-1"),
                deadLetters.deadLetter(
                        source("empty-1", " ", original, 8),
                        "parse",
                        "empty",
                        null,
                        "no story",
                        "antara-id",
                        "empty-1")));

        int exit = Main.commandLine()
                .execute("replay-rejected", "--config", configFile(topics).toString(), "--reason", "too-large");
        assertThat(exit).isZero();

        List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readCommitted(topics.raw(), 1, Duration.ofSeconds(30));
        assertThat(raw).hasSize(1);
        ConsumerRecord<byte[], byte[]> replayed = raw.get(0);
        assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("big-1");
        assertThat(new String(replayed.value(), StandardCharsets.UTF_8)).isEqualTo("B".repeat(100));
        assertThat(TestTopics.headerNames(replayed)).containsExactlyInAnyOrder("content-type", "feed");
    }

    @Test
    void aDamagedGzipFileIsReportedAndTheOtherFilesAreStillSent() throws Exception {
        TestTopics topics = TestTopics.create("publish-damaged", 1);
        Path dir = Files.createDirectories(temp.resolve("gzdir"));
        Files.writeString(dir.resolve("a1.txt"), ExactlyOnce.story(1));
        Files.writeString(dir.resolve("b2.txt.gz"), "not gzip at all");
        Files.writeString(dir.resolve("c3.txt"), ExactlyOnce.story(3));
        Files.writeString(dir.resolve("e.json"), "{bad json");

        CliRun r = CliRun.run(
                "", "publish", "--config", configFile(topics).toString(), "--feed", "gztest", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText())
                .contains("b2.txt.gz: cannot read: damaged gzip data")
                .contains("e.json: not valid JSON at line 1, column 2")
                .contains("published 2 of 4 items")
                .contains("not sent: 0 failed, 1 invalid, 0 too large, 1 unreadable file (counted as one item)")
                .contains("(100%)")
                .doesNotContain("Exception:");
        List<ConsumerRecord<byte[], byte[]>> raw = TestTopics.readCommitted(topics.raw(), 2, Duration.ofSeconds(30));
        assertThat(raw)
                .extracting(rec -> new String(rec.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("a1.txt", "c3.txt");
    }

    @Test
    void publishToAMissingTopicFailsAtOnce() throws Exception {
        TestTopics topics = TestTopics.create("publish-missing", 1);
        Files.writeString(temp.resolve("a.txt"), "Story.");
        CliRun r = CliRun.run(
                "",
                "publish",
                "--config",
                configFile(topics).toString(),
                "--topic",
                "qa.newtopic." + System.nanoTime(),
                temp.resolve("a.txt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).contains("does not exist at").contains("(--topic)");
    }

    @Test
    void replayToAMissingTopicFailsAtOnceAndProgressCountsOffsets() throws Exception {
        TestTopics topics = TestTopics.create("replay-missing", 1);
        DeadLetters deadLetters = new DeadLetters(topics.rejected(), 1_000_000);
        RecordHeaders original = new RecordHeaders();
        original.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
        TestTopics.produce(List.of(
                deadLetters.deadLetter(
                        source("m-1", "one", original, 1), "limits", "too-large", null, "big", "f", "m-1"),
                deadLetters.deadLetter(source("m-2", "two", original, 2), "parse", "empty", null, "no", "f", "m-2"),
                deadLetters.deadLetter(source("m-3", "three", original, 3), "parse", "empty", null, "no", "f", "m-3")));
        String missing = "qa.newtopic." + System.nanoTime();

        CliRun r =
                CliRun.run("", "replay-rejected", "--config", configFile(topics).toString(), "--to-topic", missing);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText())
                .contains("replay-rejected: --to-topic '" + missing + "' does not exist at")
                .doesNotContain("UNKNOWN_TOPIC_OR_PARTITION");

        CliRun replay =
                CliRun.run("", "replay-rejected", "--config", configFile(topics).toString(), "--reason", "too-large");
        assertThat(replay.exit()).isZero();
        assertThat(replay.errText())
                .contains("(100%), 3 dead letters read, 1 matched")
                .contains("replayed 1 of 1 matching dead letters (3 read");
    }

    @Test
    void aReplayThatFailsNamesEachRecordItsCauseAndForATooLargeOneTheSizeSettings() throws Exception {
        TestTopics topics = TestTopics.create("replay-too-large", 1);
        DeadLetters deadLetters = new DeadLetters(topics.rejected(), 1_000_000);
        RecordHeaders original = new RecordHeaders();
        original.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
        // written by a worker with a large item limit, replayed by a command with a small one
        TestTopics.produce(List.of(deadLetters.deadLetter(
                source("huge-1", "x".repeat(200_000), original, 7),
                "limits",
                "too-large",
                null,
                "big",
                "f",
                "huge-1")));
        Path config = configFile(topics);
        Files.writeString(config, Files.readString(config) + "ingest.max.item.bytes=1000\n");

        CliRun replay = CliRun.run("", "replay-rejected", "--config", config.toString());
        assertThat(replay.exit()).isEqualTo(1);
        assertThat(replay.errText())
                .containsPattern("replay-rejected: " + topics.rejected()
                        + "-0@\\d+ item huge-1: not replayed: RecordTooLargeException: ")
                .contains("hint: a record is larger than this command's producer allows; run it with the same"
                        + " INGEST_MAX_ITEM_BYTES / INGEST_MAX_RECORD_BYTES as the worker")
                .contains("replayed 0 of 1 matching dead letters");
    }

    private static ConsumerRecord<byte[], byte[]> source(String key, String value, RecordHeaders headers, long offset) {
        return ConsumedRecords.record("wire.raw", 0, offset, 0L, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }
}
