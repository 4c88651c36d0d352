package io.wireingest.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {
    @TempDir
    Path temp;

    @Test
    void defaultsNeedNoConfigurationAtAll() {
        WorkerConfig config = WorkerConfig.defaults();
        assertThat(config.bootstrapServers()).isEmpty();
        assertThat(config.rawTopic()).isEqualTo("wire.raw");
        assertThat(config.articlesTopic()).isEqualTo("wire.articles");
        assertThat(config.rejectedTopic()).isEqualTo("wire.rejected");
        assertThat(config.groupId()).isEqualTo("wire-ingest");
        assertThat(config.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.httpToken()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.transactionalIdPrefix()).isEqualTo("wire-ingest");
        assertThat(config.limits().maxTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyKeyHasAnEnvironmentVariablePropertyAndDoc() {
        assertThat(WorkerConfig.KEYS).allSatisfy(key -> {
            assertThat(key.env()).matches("[A-Z_]+");
            assertThat(key.property()).isEqualTo(key.env().toLowerCase().replace('_', '.'));
            assertThat(key.doc()).isNotBlank();
        });
        assertThat(WorkerConfig.KEYS).extracting(ConfigKey::env).doesNotHaveDuplicates();
    }

    @Test
    void theOperatorGuideDocumentsEveryKey() throws Exception {
        Path guide = Path.of("..", "docs", "OPERATIONS.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(guide), "docs/OPERATIONS.md not beside the module");
        String text = Files.readString(guide);
        assertThat(WorkerConfig.KEYS)
                .allSatisfy(key -> assertThat(text).contains("| `" + key.env() + "` | `" + key.property() + "` |"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> env = Map.of(
                "INGEST_THREADS", "0",
                "INGEST_PARTITIONS", "three",
                "INGEST_ARTICLES_TOPIC", "wire.raw",
                "INGEST_CREATE_TOPICS", "yes",
                "INGEST_TYPO", "1",
                "KAFKA_CLIENT_ENABLE_AUTO_COMMIT", "true");
        assertThatThrownBy(() -> WorkerConfig.load(env, new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "INGEST_THREADS must be at least 1, not 0",
                                        "INGEST_PARTITIONS must be a whole number, not 'three'",
                                        "the raw, articles and rejected topics must be three different topics: "
                                                + "[wire.raw, wire.raw, wire.rejected]",
                                        "INGEST_CREATE_TOPICS must be true or false, not 'yes'",
                                        "unknown environment variable INGEST_TYPO",
                                        "Kafka client setting 'enable.auto.commit' is set by the worker and cannot be "
                                                + "overridden"));
    }

    @Test
    void environmentWinsOverTheFileAndKafkaKeysPassThrough() throws Exception {
        Path file = temp.resolve("worker.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "ingest.group.id=from-file",
                        "ingest.threads=4",
                        "kafka.bootstrap.servers=broker-1:9093",
                        "kafka.security.protocol=SASL_SSL",
                        "kafka.sasl.mechanism=SCRAM-SHA-512",
                        "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                                + "username=\"ingest\" password=\"s3cret-pass\";",
                        ""));
        WorkerConfig config = WorkerConfig.load(
                Map.of("INGEST_GROUP_ID", "from-env", "KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https"),
                file);
        assertThat(config.groupId()).isEqualTo("from-env");
        assertThat(config.threads()).isEqualTo(4);
        assertThat(config.bootstrapServers()).contains("broker-1:9093");
        assertThat(config.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("bootstrap.servers");
    }

    @Test
    void secretsNeverAppearInTheDescription() throws Exception {
        Properties file = new Properties();
        file.setProperty("kafka.ssl.key.password", "key-pass-123");
        file.setProperty("kafka.sasl.jaas.config", "... password=\"hunter2\";");
        WorkerConfig config = WorkerConfig.load(Map.of("INGEST_HTTP_TOKEN", "a-very-long-secret-token"), file);
        String described = String.join("\n", config.describe()) + config;
        assertThat(described)
                .doesNotContain("key-pass-123")
                .doesNotContain("hunter2")
                .doesNotContain("a-very-long-secret-token")
                .contains("INGEST_HTTP_TOKEN=****")
                .contains("kafka.sasl.jaas.config=****");
        assertThat(config.httpToken()).contains("a-very-long-secret-token");
    }

    @Test
    void unknownFileKeysAreProblems() {
        Properties file = new Properties();
        file.setProperty("ingest.treads", "2");
        file.setProperty("bootstrap.servers", "x:9092");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of(), file))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "unknown key 'bootstrap.servers' in the config file (Kafka client settings take the "
                                                + "prefix 'kafka.')",
                                        "unknown key 'ingest.treads' in the config file"));
    }

    @Test
    void withReplacesKeysAndValidatesAgain() throws Exception {
        WorkerConfig config = WorkerConfig.defaults().with(Map.of("INGEST_RAW_TOPIC", "bench.raw"));
        assertThat(config.rawTopic()).isEqualTo("bench.raw");
        assertThatThrownBy(() -> config.with(Map.of("INGEST_MAX_DEPTH", "2")))
                .isInstanceOf(WorkerConfig.InvalidConfigException.class)
                .hasMessageContaining("INGEST_MAX_DEPTH must be at least 8, not 2");
    }
}
