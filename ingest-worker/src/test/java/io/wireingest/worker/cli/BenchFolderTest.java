package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --input DIR}: which files become items, gzipped ones unpacked, and the read bound. */
class BenchFolderTest {
    @TempDir
    Path dir;

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void readsHtmlAndTextFilesGzippedOrNot() throws IOException {
        Files.writeString(dir.resolve("a.html"), "<p>Page A</p>");
        Files.write(dir.resolve("b.txt.gz"), gzip("JAKARTA (ANTARA) - Story B.".getBytes(StandardCharsets.UTF_8)));
        Files.write(dir.resolve("c.html.gz"), gzip("<p>Page C</p>".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("d.json"), "{}");
        Files.write(dir.resolve("e.bin"), new byte[] {1, 2, 3});

        List<BenchItems.Item> items = BenchCommand.fromFolder(dir, 1_000_000);

        assertThat(items).extracting(BenchItems.Item::id).containsExactly("a.html", "b.txt", "c.html");
        assertThat(items)
                .extracting(BenchItems.Item::contentType)
                .containsExactly("text/html", "text/plain", "text/html");
        assertThat(new String(items.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("JAKARTA (ANTARA) - Story B.");
        assertThat(new String(items.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("<p>Page C</p>");
    }

    @Test
    void readsAtMostOneBytePastTheLimitSoThatBigFilesAreSkippedLater() throws IOException {
        Files.write(dir.resolve("big.html.gz"), gzip(new byte[5_000_000]));

        List<BenchItems.Item> items = BenchCommand.fromFolder(dir, 1000);

        assertThat(items)
                .singleElement()
                .satisfies(item -> assertThat(item.body()).hasSize(1001));
    }
}
