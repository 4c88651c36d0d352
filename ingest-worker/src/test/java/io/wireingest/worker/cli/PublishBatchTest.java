package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code publish} sends and what it reports, without a broker: damaged files, items over the size limit and
 * malformed JSON are counted and reported, and the run goes on.
 */
class PublishBatchTest {
    @TempDir
    Path dir;

    private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private PublishCommand.Batch batch(long maxItemBytes) {
        return new PublishCommand.Batch(
                "raw",
                "gztest",
                null,
                maxItemBytes,
                sent::add,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> keys() {
        return sent.stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .toList();
    }

    private static String envelope(String id, String body) {
        return "{\"id\":\"" + id + "\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"" + body + "\"}";
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void damagedAndTruncatedGzipFilesAreReportedAndTheRunGoesOn() throws Exception {
        Files.writeString(dir.resolve("a1.txt"), "Story one.");
        Files.writeString(dir.resolve("b2.txt.gz"), "this is not gzip");
        Files.writeString(dir.resolve("c3.txt"), "Story three.");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            lines.append(envelope("line-" + i, "Body " + i + " " + "x".repeat(200)))
                    .append('\n');
        }
        byte[] whole = gzip(lines.toString());
        Files.write(dir.resolve("d4.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));

        PublishCommand.Batch batch = batch(1_000_000);
        for (String name : List.of("a1.txt", "b2.txt.gz", "c3.txt", "d4.jsonl.gz")) {
            batch.file(dir.resolve(name));
        }

        List<String> keys = keys();
        assertThat(keys).startsWith("a1.txt", "c3.txt");
        assertThat(keys.size()).as("lines read before the damage are sent").isGreaterThan(2);
        assertThat(keys.subList(2, keys.size())).allMatch(k -> k.startsWith("line-"));
        assertThat(batch.unreadable()).isEqualTo(2);
        assertThat(batch.invalid()).isZero();
        assertThat(err())
                .contains("b2.txt.gz: cannot read: damaged gzip data (Not in GZIP format)")
                .contains("d4.jsonl.gz: cannot read: truncated (Unexpected end of ZLIB input stream); the "
                        + (keys.size() - 2) + " items read before the damage were sent");
        assertThat(batch.bytesRead())
                .as("progress ends at the size of the files")
                .isEqualTo(Files.size(dir.resolve("a1.txt"))
                        + Files.size(dir.resolve("b2.txt.gz"))
                        + Files.size(dir.resolve("c3.txt"))
                        + Files.size(dir.resolve("d4.jsonl.gz")));
    }

    @Test
    void plainFilesAndEnvelopeBodiesOverTheItemLimitAreNotSent() throws Exception {
        Files.writeString(dir.resolve("bigplain.txt"), "x".repeat(5000));
        Files.writeString(dir.resolve("small.txt"), "x".repeat(100));
        Files.writeString(
                dir.resolve("batch.jsonl"),
                envelope("big-env", "y".repeat(5000)) + "\n" + envelope("ok-env", "fine") + "\n");
        String big64 = Base64.getEncoder().encodeToString(new byte[5000]);
        Files.writeString(
                dir.resolve("big64.json"),
                "{\"id\":\"big-64\",\"feed\":\"f\",\"contentType\":\"application/octet-stream\","
                        + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"bodyBase64\":\"" + big64 + "\"}");

        PublishCommand.Batch batch = batch(4096);
        for (String name : List.of("bigplain.txt", "small.txt", "batch.jsonl", "big64.json")) {
            batch.file(dir.resolve(name));
        }

        assertThat(keys()).containsExactly("small.txt", "ok-env");
        assertThat(batch.tooLarge()).isEqualTo(3);
        assertThat(err())
                .contains("bigplain.txt: 5000 bytes, more than INGEST_MAX_ITEM_BYTES (4096 bytes); not sent")
                .contains("batch.jsonl:1: item big-env has a body of 5000 bytes, more than INGEST_MAX_ITEM_BYTES")
                .contains("big64.json: item big-64 has a body of 5000 bytes");
    }

    /** {@code size} bytes of 'a', made as they are read: a huge input without a huge file or array. */
    private static InputStream letters(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonLinesLineLongerThanAnEnvelopeOfAnItemAtTheLimitIsTooLargeAndSkippedUnread() throws Exception {
        // QA4 D5: one line of 30 MB (a gzip bomb of a few KB would do the same) under an item limit of 1000 bytes,
        // then a normal line; the long line is counted too large, named by its number, and never kept whole
        long lineLimit = BoundedLines.escapedEnvelopeBytes(1000);
        assertThat(lineLimit).isEqualTo(6 * 1000 + 65536);
        String head = "{\"id\":\"huge\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"";
        long bodyLength = 30_000_000;
        InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                text(envelope("first", "One.") + "\n"),
                text(head),
                letters(bodyLength),
                text("\"}\r\n" + envelope("after", "Two.") + "\n"))));

        PublishCommand.Batch batch = batch(1000);
        batch.stdin(in);

        assertThat(keys()).containsExactly("first", "after");
        assertThat(batch.tooLarge()).isEqualTo(1);
        assertThat(batch.invalid()).isZero();
        assertThat(err())
                .contains("publish: stdin:2: a line of " + (head.length() + bodyLength + 2) + " bytes, more than the "
                        + lineLimit + " bytes an envelope of an item at INGEST_MAX_ITEM_BYTES (1000 bytes) takes with"
                        + " every byte of its body escaped; not sent");
    }

    /** An envelope line as Python's json.dumps writes it: every non-ASCII character escaped as {@code \\uXXXX}. */
    private static String asciiEscaped(String id, String body, String extraFields) {
        StringBuilder line = new StringBuilder("{\"id\": \"" + id + "\", \"feed\": \"qa4v\", "
                + "\"contentType\": \"text/plain; charset=utf-8\", \"receivedAt\": \"2024-01-01T00:00:00Z\", "
                + extraFields + "\"body\": \"");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line.append("\"}").toString();
    }

    @Test
    void anEscapedEnvelopeLineOfAnItemUnderTheLimitIsSentAndJudgedByItsDecodedBody() throws Exception {
        // QA4V N4: 900,000 bytes of UTF-8 ('é' x 450,000) under the default limit of 1,048,576, written by
        // json.dumps as a 2,700,125-byte line, was refused as a line longer than the base64 envelope of an item at
        // the limit. Now the line is read up to 6 x the limit + 65536 and the item is judged by its decoded body;
        // an envelope longer than a record must hold is sent with its body as bodyBase64.
        long limit = 1_048_576;
        String accents = "é".repeat(450_000);
        String control = "\u0001".repeat((int) limit); // 6 bytes a byte when escaped: the worst case
        Path file = dir.resolve("esc.jsonl");
        Files.writeString(
                file,
                asciiEscaped("esc-2", accents, "") + "\n"
                        + asciiEscaped("control", control, "") + "\n"
                        + asciiEscaped("over", accents + "é".repeat(74_289), "") + "\n"
                        + asciiEscaped("big-headers", "x", "\"headers\": {\"h\": \"" + "h".repeat(1_500_000) + "\"}, ")
                        + "\n",
                StandardCharsets.US_ASCII);
        assertThat(Files.size(file)).isGreaterThan(2_700_000L + 6 * limit);

        PublishCommand.Batch batch = batch(limit);
        batch.file(file);

        assertThat(keys()).as(err()).containsExactly("esc-2", "control");
        assertThat(batch.invalid()).isZero();
        assertThat(batch.tooLarge()).isEqualTo(2);
        assertThat(err())
                .contains("esc.jsonl:3: item over has a body of 1048578 bytes, more than INGEST_MAX_ITEM_BYTES")
                .contains("esc.jsonl:4: the envelope of item big-headers takes ")
                .doesNotContain("esc.jsonl:1")
                .doesNotContain("esc.jsonl:2");
        long recordLimit = PublishCommand.Batch.recordLimit(limit);
        for (ProducerRecord<byte[], byte[]> record : sent) {
            assertThat(record.value().length).isLessThanOrEqualTo((int) recordLimit);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"bodyBase64\":");
        }
        io.wireingest.core.model.RawItem first =
                io.wireingest.core.model.Envelope.parse(sent.get(0).value());
        assertThat(first.id()).isEqualTo("esc-2");
        assertThat(first.feed()).isEqualTo("qa4v");
        assertThat(first.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(first.body()).isEqualTo(accents.getBytes(StandardCharsets.UTF_8));
        assertThat(io.wireingest.core.model.Envelope.parse(sent.get(1).value()).body())
                .isEqualTo(control.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aShortEnvelopeLineIsSentAsItWasWritten() throws Exception {
        String line = asciiEscaped("short", "é and \u0001", "");
        PublishCommand.Batch batch = batch(1_048_576);
        batch.stdin(text(line + "\n"));
        assertThat(sent).hasSize(1);
        assertThat(new String(sent.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(line);
    }

    @Test
    void anEnvelopeWithABase64BodyAboveJacksonsDefaultStringLimitIsSentWhenTheItemLimitAllowsIt() throws Exception {
        // QA4 D6: 15,100,000 bytes as bodyBase64 is 20,133,336 characters, above Jackson's default of 20,000,000
        long limit = 15_100_000;
        byte[] body = new byte[(int) limit];
        Arrays.fill(body, (byte) 0xE9);
        String base64 = Base64.getEncoder().encodeToString(body);
        assertThat(base64.length()).isGreaterThan(20_000_000);
        String atLimit = "{\"id\":\"at-limit\",\"feed\":\"f\",\"contentType\":\"application/octet-stream\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"bodyBase64\":\"" + base64 + "\"}";
        // one byte over the limit: the same base64 length, so the body is measured once decoded
        String base64Over = Base64.getEncoder().encodeToString(Arrays.copyOf(body, body.length + 1));
        assertThat(base64Over).hasSameSizeAs(base64);
        String overLimit = atLimit.replace("at-limit", "over-limit").replace(base64, base64Over);
        Files.writeString(dir.resolve("at-limit.json"), atLimit);
        Files.writeString(dir.resolve("big.jsonl"), overLimit + "\n" + atLimit + "\n");

        PublishCommand.Batch batch = batch(limit);
        batch.file(dir.resolve("at-limit.json"));
        batch.file(dir.resolve("big.jsonl"));

        assertThat(keys()).containsExactly("at-limit", "at-limit");
        assertThat(batch.invalid()).as(err()).isZero();
        assertThat(batch.tooLarge()).isEqualTo(1);
        assertThat(err())
                .contains("big.jsonl:1: item over-limit has a body of 15100001 bytes, more than INGEST_MAX_ITEM_BYTES"
                        + " (15100000 bytes); not sent");
    }

    @Test
    void malformedJsonFilesAreInvalidWithLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("e.json"), "{bad json");
        Files.writeString(dir.resolve("ninjs.json"), "{\"uri\":\"x\",\"headlines\":[]}");
        Files.writeString(dir.resolve("env.json"), envelope("env-1", "One."));
        Files.writeString(dir.resolve("lines.jsonl"), envelope("l-1", "One.") + "\n{\"id\": oops}\n");

        PublishCommand.Batch batch = batch(1_000_000);
        for (String name : List.of("e.json", "ninjs.json", "env.json", "lines.jsonl")) {
            batch.file(dir.resolve(name));
        }

        assertThat(keys()).containsExactly("ninjs.json", "env-1", "l-1");
        assertThat(batch.invalid()).isEqualTo(2);
        assertThat(err())
                .contains("e.json: not valid JSON at line 1, column 2:")
                .contains("lines.jsonl:2: not valid JSON at column ");
    }

    @Test
    void anEmptyFolderIsAWarningAndExitsWithOne() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun r = CliRun.run("", "publish", empty.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errText())
                .contains("publish: warning: no files under " + empty)
                .contains("publish: no items found under " + empty + "; nothing sent");
    }

    @Test
    void anIllegalTopicNameIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "Story.");
        CliRun r = CliRun.run(
                "", "publish", "--topic", "bad topic!", dir.resolve("a.txt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errText()).contains("publish: --topic: 'bad topic!' is not a valid topic name");
    }

    @Test
    void filesUnderAFolderAreNamedByTheirPathInsideIt() throws Exception {
        Path day1 = Files.createDirectories(dir.resolve("tree/2024-03-01"));
        Path day2 = Files.createDirectories(dir.resolve("tree/2024-03-02"));
        Files.writeString(day1.resolve("story.txt"), "Story one.");
        Files.write(day2.resolve("story.txt.gz"), gzip("Story two."));
        assertThat(PublishCommand.itemId(dir.resolve("tree"), day1.resolve("story.txt")))
                .isEqualTo("2024-03-01/story.txt");
        assertThat(PublishCommand.itemId(dir.resolve("tree"), day2.resolve("story.txt.gz")))
                .isEqualTo("2024-03-02/story.txt");
        assertThat(PublishCommand.itemId(dir.resolve("tree"), dir.resolve("tree/top.txt")))
                .isEqualTo("top.txt");

        PublishCommand.Batch batch = batch(1_000_000);
        batch.file(day1.resolve("story.txt"), "2024-03-01/story.txt");
        batch.file(day2.resolve("story.txt.gz"), "2024-03-02/story.txt");
        assertThat(keys()).containsExactly("2024-03-01/story.txt", "2024-03-02/story.txt");
        assertThat(sent)
                .extracting(r -> new String(r.headers().lastHeader("item-id").value(), StandardCharsets.UTF_8))
                .containsExactly("2024-03-01/story.txt", "2024-03-02/story.txt");
    }
}
