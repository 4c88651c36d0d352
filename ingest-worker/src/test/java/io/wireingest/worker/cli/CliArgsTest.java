package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Option values and JSON input checked with messages that say what was expected. */
class CliArgsTest {
    @Test
    void instantsNameTheOptionAndTheExpectedFormat() throws Exception {
        assertThat(CliArgs.instant("--since", "2024-05-01T15:00:00+07:00"))
                .isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(CliArgs.instant("--since", null)).isNull();
        assertThatThrownBy(() -> CliArgs.instant("--received-at", "yesterday"))
                .isInstanceOf(CliArgs.UsageException.class)
                .hasMessageStartingWith("--received-at: expected an ISO-8601 instant like 2024-05-01T08:00:00Z")
                .hasMessageEndingWith("got 'yesterday'");
    }

    @Test
    void topicNamesFollowKafkasRules() throws Exception {
        assertThat(CliArgs.topic("--to-topic", "wire.raw-2_b")).isEqualTo("wire.raw-2_b");
        for (String bad : new String[] {"bad topic!", "", ".", "..", "a".repeat(250), "wire/raw"}) {
            assertThatThrownBy(() -> CliArgs.topic("--to-topic", bad))
                    .as(bad)
                    .isInstanceOf(CliArgs.UsageException.class)
                    .hasMessageStartingWith("--to-topic: '" + bad + "' is not a valid topic name");
        }
    }

    @Test
    void invalidJsonIsReportedWithLineAndColumn() throws Exception {
        assertThat(CliArgs.json(bytes("{\"a\": [1, 2]}")).path("a").size()).isEqualTo(2);
        assertThatThrownBy(() -> CliArgs.json(bytes("{bad json")))
                .isInstanceOf(CliArgs.InvalidJsonException.class)
                .hasMessageStartingWith("not valid JSON at line 1, column 2:");
        assertThatThrownBy(() -> CliArgs.json(bytes("{\"a\": 1,\n \"b\": }")))
                .hasMessageStartingWith("not valid JSON at line 2, column ");
        assertThatThrownBy(() -> CliArgs.json(bytes("{\"a\": 1} trailing")))
                .hasMessageStartingWith("not valid JSON at line 1, column ");
        assertThatThrownBy(() -> CliArgs.json(bytes("  "))).hasMessage("not valid JSON: empty");
    }

    @Test
    void jsonContentTypes() {
        assertThat(CliArgs.isJsonType("application/json; charset=utf-8")).isTrue();
        assertThat(CliArgs.isJsonType("application/ninjs+json")).isTrue();
        assertThat(CliArgs.isJsonType("text/plain")).isFalse();
        assertThat(CliArgs.isJsonType(null)).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
