package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.testing.ArticleSchemas;
import io.wireingest.worker.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline {@code normalize} command: inputs, JSON Lines out, rejections on stderr, exit codes. */
class NormalizeCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static CliRun run(String stdin, String... args) {
        return CliRun.run(stdin, args);
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void normalizesABareTextFileWithOptions() throws Exception {
        Path file = write(
                "kl.txt",
                "KUALA LUMPUR, 5 Mac (Bernama) -- Kerajaan akan memperluas bantuan tunai kepada "
                        + "isi rumah berpendapatan rendah mulai bulan depan, kata menteri.\n-- BERNAMA\n");
        CliRun r = run(
                "",
                "normalize",
                "--content-type",
                "text/plain; charset=utf-8",
                "--feed",
                "bernama-ms",
                "--received-at",
                "2024-03-05T04:00:00Z",
                "--item-id",
                "bm-1",
                file.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).hasSize(1);
        ArticleSchemas.assertValidArticleJson(r.out().get(0));
        JsonNode a = MAPPER.readTree(r.out().get(0));
        assertThat(a.path("uri").asText()).isEqualTo("urn:wireingest:bernama-ms:bm-1");
        assertThat(a.at("/wire/source/itemId").asText()).isEqualTo("bm-1");
        assertThat(a.at("/wire/source/receivedAt").asText()).isEqualTo("2024-03-05T04:00:00Z");
    }

    @Test
    void readsEnvelopeFilesAndEchoesTheirIds() throws Exception {
        Path envelope = write(
                "e.json",
                "{\"id\":\"env-7\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2024-03-04T05:10:00Z\",\"body\":\"SEOUL, March 4 (Yonhap) -- Exports rose in "
                        + "February, the ministry said.\"}");
        CliRun r = run("", "normalize", envelope.toString());
        assertThat(r.exit()).isZero();
        JsonNode a = MAPPER.readTree(r.out().get(0));
        assertThat(a.at("/wire/source/itemId").asText()).isEqualTo("env-7");
        assertThat(a.at("/wire/source/feed").asText()).isEqualTo("yonhap-en");
    }

    @Test
    void readsJsonLinesFromStdinInOrderAndReportsRejectionsOnStderr() throws Exception {
        String stdin = String.join(
                "\n",
                "{\"id\":\"one\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-01-01T00:00:00Z\","
                        + "\"body\":\"First story text, long enough to read.\"}",
                "{\"id\":\"bad\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-01-01T00:00:00Z\","
                        + "\"body\":\"\"}",
                "not an envelope",
                "{\"id\":\"two\",\"feed\":\"f\",\"contentType\":\"text/plain\",\"receivedAt\":\"2024-01-01T00:00:00Z\","
                        + "\"body\":\"Second story text, long enough to read.\"}",
                "");
        CliRun r = run(stdin, "normalize");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).hasSize(2);
        assertThat(MAPPER.readTree(r.out().get(0)).at("/wire/source/itemId").asText())
                .isEqualTo("one");
        assertThat(MAPPER.readTree(r.out().get(1)).at("/wire/source/itemId").asText())
                .isEqualTo("two");
        assertThat(r.err()).hasSize(2);
        JsonNode empty = MAPPER.readTree(r.err().get(0));
        assertThat(empty.path("itemId").asText()).isEqualTo("bad");
        assertThat(empty.path("stage").asText()).isEqualTo("decode");
        assertThat(empty.path("reason").asText()).isEqualTo("empty");
        JsonNode garbage = MAPPER.readTree(r.err().get(1));
        assertThat(garbage.path("input").asText()).isEqualTo("stdin:3");
        assertThat(garbage.path("reason").asText()).isEqualTo("invalid-envelope");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(run("", "normalize", "--received-at", "yesterday", "x.txt").exit())
                .isEqualTo(2);
        assertThat(run("", "normalize", "--no-such-option").exit()).isEqualTo(2);
        CliRun missing = run("", "normalize", dir.resolve("missing.txt").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().get(0)).contains("no such file");
        Path a = write("a.txt", "Text A here.");
        Path b = write("b.txt", "Text B here.");
        assertThat(run("", "normalize", "--item-id", "x", a.toString(), b.toString())
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void bareFilesDefaultToTheirNameAsItemId() throws Exception {
        Path file = write("story-42.html", "<p>Jakarta (ANTARA) - Sebuah cerita pendek tentang pasar.</p>");
        CliRun r = run("", "normalize", "--received-at", "2024-01-01T00:00:00Z", file.toString());
        assertThat(r.exit()).isZero();
        JsonNode a = MAPPER.readTree(r.out().get(0));
        assertThat(a.at("/wire/source/itemId").asText()).isEqualTo("story-42.html");
        assertThat(a.at("/wire/source/format").asText()).isEqualTo("html");
    }

    @Test
    void aJsonFileThatIsNotValidJsonIsRejectedWithLineAndColumn() throws Exception {
        Path file = write("e.json", "{bad json");
        CliRun r = run("", "normalize", "--received-at", "2024-01-01T00:00:00Z", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasSize(1);
        JsonNode line = MAPPER.readTree(r.err().get(0));
        assertThat(line.path("input").asText()).isEqualTo(file.toString());
        assertThat(line.path("reason").asText()).isEqualTo("invalid-json");
        assertThat(line.path("detail").asText()).startsWith("not valid JSON at line 1, column 2:");
    }

    @Test
    void aJsonFileNestedPastTheParsersDepthIsTooDeepInPlainWords() throws Exception {
        // QA4 D4 follow-up: was invalid-json with Jackson's own words ("from `StreamReadConstraints...`")
        Path file = write("deep.json", "[".repeat(5000) + "]".repeat(5000));
        CliRun r = run("", "normalize", "--received-at", "2024-01-01T00:00:00Z", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasSize(1);
        JsonNode line = MAPPER.readTree(r.err().get(0));
        assertThat(line.path("reason").asText()).isEqualTo("too-deep");
        assertThat(line.path("detail").asText())
                .isEqualTo("JSON arrays and objects are nested more than 1000 levels deep")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void aFileOverMaxBytesIsRejectedTooLargeWithoutBeingReadWhole() throws Exception {
        // QA4 D9: a sparse 3 GB file was read whole first (OutOfMemoryError); now at most the cap + 1 byte is read
        Path sparse = dir.resolve("sparse.txt");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024);
        }
        Path small = write("small.txt", "JAKARTA (Antara) - A short story that fits.");
        CliRun r = run(
                "",
                "normalize",
                "--max-bytes",
                "1000",
                "--received-at",
                "2024-01-01T00:00:00Z",
                sparse.toString(),
                small.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).hasSize(1);
        assertThat(r.err()).as(r.errText()).hasSize(1);
        JsonNode line = MAPPER.readTree(r.err().get(0));
        assertThat(line.path("input").asText()).isEqualTo(sparse.toString());
        assertThat(line.path("stage").asText()).isEqualTo("limits");
        assertThat(line.path("reason").asText()).isEqualTo("too-large");
        assertThat(line.path("detail").asText())
                .isEqualTo("the file is 3221225472 bytes, over the limit of 1000 (--max-bytes), " + (6 * 1000 + 65536)
                        + " for an envelope (every byte of its body escaped)");

        CliRun typed = run("", "normalize", "--max-bytes", "1000", "--content-type", "text/plain", sparse.toString());
        assertThat(typed.exit()).isEqualTo(1);
        assertThat(MAPPER.readTree(typed.err().get(0)).path("detail").asText())
                .isEqualTo("the file is 3221225472 bytes, over the limit of 1000 (--max-bytes)");
    }

    @Test
    void aStdinLineLongerThanAnEnvelopeAtMaxBytesIsRejectedTooLargeAndTheNextLineIsRead() throws Exception {
        String head = "{\"id\":\"huge\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"body\":\"";
        long bodyLength = 30_000_000;
        java.io.InputStream letters = new java.io.InputStream() {
            private long left = bodyLength;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        java.io.InputStream stdin = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                letters,
                new java.io.ByteArrayInputStream(("\"}\n{\"id\":\"two\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                                + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"body\":\"Second story text, long enough to"
                                + " read.\"}\n")
                        .getBytes(StandardCharsets.UTF_8)))));
        CliRun r = CliRun.run(stdin, "normalize", "--max-bytes", "1000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).hasSize(1);
        assertThat(MAPPER.readTree(r.out().get(0)).at("/wire/source/itemId").asText())
                .isEqualTo("two");
        assertThat(r.err()).hasSize(1);
        JsonNode line = MAPPER.readTree(r.err().get(0));
        assertThat(line.path("input").asText()).isEqualTo("stdin:1");
        assertThat(line.path("stage").asText()).isEqualTo("limits");
        assertThat(line.path("reason").asText()).isEqualTo("too-large");
        assertThat(line.path("detail").asText())
                .isEqualTo(
                        "the line is " + (head.length() + bodyLength + 2) + " bytes, over the " + (6 * 1000 + 65536)
                                + " bytes an envelope of an item at --max-bytes (1000) takes with every byte of its body escaped");
    }

    @Test
    void aStdinLineWithItsBodyEscapedIsJudgedByTheDecodedItem() throws Exception {
        // QA4V N4: an item under --max-bytes written with \\uXXXX escapes (Python's json.dumps) takes 3 bytes of line
        // per byte of 'é', more than its base64 envelope; the line was rejected too-large by its length
        String decoded = "Café " + "été é ".repeat(10_500);
        assertThat(decoded.getBytes(StandardCharsets.UTF_8).length).isLessThan(100_000);
        StringBuilder escaped = new StringBuilder();
        decoded.chars().forEach(c -> escaped.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        String line = "{\"id\": \"esc\", \"feed\": \"f\", \"contentType\": \"text/plain\", "
                + "\"receivedAt\": \"2024-01-01T00:00:00Z\", \"body\": \"" + escaped + "\"}";
        assertThat(line.length()).isGreaterThan(4 * 33334 + 65536);
        CliRun r = run(line + "\n", "normalize", "--max-bytes", "100000");
        assertThat(r.exit()).as(r.errText()).isZero();
        assertThat(r.out()).hasSize(1);
        assertThat(MAPPER.readTree(r.out().get(0)).at("/wire/source/itemId").asText())
                .isEqualTo("esc");
        assertThat(r.out().get(0)).contains("Café été é été é");
    }

    @Test
    void anEnvelopeFileWithABase64BodyAboveJacksonsStringLimitIsMeasuredByMaxBytes() throws Exception {
        // QA4 D6: 15,100,000 bytes as bodyBase64 (20,133,336 characters) was "invalid-json"; with --max-bytes one
        // byte lower it is the item that is too large
        byte[] body = new byte[15_100_000];
        java.util.Arrays.fill(body, (byte) 'a');
        Path envelope = write(
                "big.json",
                "{\"id\":\"big\",\"feed\":\"f\",\"contentType\":\"text/plain\","
                        + "\"receivedAt\":\"2024-01-01T00:00:00Z\",\"bodyBase64\":\""
                        + java.util.Base64.getEncoder().encodeToString(body) + "\"}");
        CliRun r = run("", "normalize", "--max-bytes", "15099999", envelope.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).hasSize(1);
        JsonNode line = MAPPER.readTree(r.err().get(0));
        assertThat(line.path("itemId").asText()).isEqualTo("big");
        assertThat(line.path("stage").asText()).isEqualTo("limits");
        assertThat(line.path("reason").asText()).isEqualTo("too-large");
        assertThat(line.path("detail").asText()).isEqualTo("item is 15100000 bytes, over the limit of 15099999");
    }

    @Test
    void anOutputThatCannotBeWrittenFailsWithOneLineAndExitOne() throws Exception {
        Path story = write("story.txt", "JAKARTA (Antara) - A story about a full disk.\n\nIt has a body.");
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(full, false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("normalize", story.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("normalize: cannot write to standard output (disk full or output closed?); the output is"
                        + " incomplete");
    }
}
