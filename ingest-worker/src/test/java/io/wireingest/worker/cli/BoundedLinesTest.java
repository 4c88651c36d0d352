package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as {@code BufferedReader.readLine()} splits them, each kept only up to the bound. */
class BoundedLinesTest {
    private static List<String> lines(InputStream in, long max) throws Exception {
        BoundedLines reader = new BoundedLines(in, max);
        List<String> lines = new ArrayList<>();
        for (BoundedLines.Line line; (line = reader.next()) != null; ) {
            lines.add(line.number() + ":"
                    + (line.tooLong()
                            ? "too long (" + line.length() + ")"
                            : new String(line.bytes(), StandardCharsets.UTF_8)));
        }
        return lines;
    }

    private static List<String> lines(String text, long max) throws Exception {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsAtLineFeedsCarriageReturnsAndBoth() throws Exception {
        assertThat(lines("a\nb\r\nc\rd", 10)).containsExactly("1:a", "2:b", "3:c", "4:d");
        assertThat(lines("a\n\n\r\nb\n", 10)).containsExactly("1:a", "2:", "3:", "4:b");
        assertThat(lines("", 10)).isEmpty();
        assertThat(lines("\n", 10)).containsExactly("1:");
        assertThat(lines("a\r", 10)).containsExactly("1:a");
    }

    @Test
    void keepsLinesUpToTheBoundAndCountsLongerOnesWithoutKeepingThem() throws Exception {
        assertThat(lines("12345\n123456\r\nok", 5)).containsExactly("1:12345", "2:too long (6)", "3:ok");
    }

    @Test
    void aLineEndingAcrossTheReadBufferIsOneLine() throws Exception {
        // the reader fills 64 KiB at a time: a '\r' at its end and the '\n' after it are one terminator
        String first = "x".repeat(65535);
        String text = first + "\r\n" + "y".repeat(70000) + "\nz";
        List<String> lines = lines(text, 100000);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("1:" + first);
        assertThat(lines.get(1)).isEqualTo("2:" + "y".repeat(70000));
        assertThat(lines.get(2)).isEqualTo("3:z");
        assertThat(lines(text, 65535)).containsExactly("1:" + first, "2:too long (70000)", "3:z");
    }

    @Test
    void theEnvelopeLineBoundHoldsABodyEscapedByteByByte() {
        // QA4V N4: \\u00e9 for the two bytes of é (Python's json.dumps) is 3 bytes of line per byte of item, a
        // control character 6: the bound is the worst case plus room for the other fields
        assertThat(BoundedLines.escapedEnvelopeBytes(1_048_576)).isEqualTo(6L * 1_048_576 + 65536);
        assertThat(BoundedLines.escapedEnvelopeBytes(1000)).isEqualTo(6000 + 65536);
        assertThat(BoundedLines.escapedEnvelopeBytes(1L << 30)).isEqualTo(Integer.MAX_VALUE - 8);
    }
}
