package io.wireingest.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
                                        "KAFKA_CLIENT_ENABLE_AUTO_COMMIT cannot be set: the worker sets the Kafka client "
                                                + "setting 'enable.auto.commit' itself (exactly-once depends on it)"));
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
        file.setProperty(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\";");
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

    @Test
    void theStartUpWaitAndTheHttpLaneAreSettingsWithBounds() throws Exception {
        WorkerConfig defaults = WorkerConfig.defaults();
        assertThat(defaults.brokerWait()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(defaults.httpSendTimeout()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(defaults.httpPostConcurrency()).isEqualTo(16);
        WorkerConfig set = defaults.with(Map.of(
                "INGEST_BROKER_WAIT_MS", "90000",
                "INGEST_HTTP_SEND_TIMEOUT_MS", "2500",
                "INGEST_HTTP_POST_CONCURRENCY", "64"));
        assertThat(set.brokerWait()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(set.httpSendTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(set.httpPostConcurrency()).isEqualTo(64);
        assertThatThrownBy(() -> defaults.with(Map.of(
                        "INGEST_BROKER_WAIT_MS", "0",
                        "INGEST_HTTP_SEND_TIMEOUT_MS", "-1",
                        "INGEST_HTTP_POST_CONCURRENCY", "5000")))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "INGEST_BROKER_WAIT_MS must be at least 1, not 0",
                                        "INGEST_HTTP_SEND_TIMEOUT_MS must be at least 1, not -1",
                                        "INGEST_HTTP_POST_CONCURRENCY must be at most 1024, not 5000"));
    }

    @Test
    void anEmptyValueMeansNotSetEverywhere() throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        for (ConfigKey key : WorkerConfig.KEYS) {
            env.put(key.env(), key == WorkerConfig.GROUP_ID ? "   " : "");
        }
        env.put("KAFKA_CLIENT_SASL_MECHANISM", "");
        WorkerConfig config = WorkerConfig.load(env, new Properties());
        assertThat(config.describe()).isEqualTo(WorkerConfig.defaults().describe());
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.maxRetries()).isEqualTo(10);
        assertThat(config.rawTopic()).isEqualTo("wire.raw");
        assertThat(config.groupId()).isEqualTo("wire-ingest");
        assertThat(config.clientProperties()).isEmpty();

        // An empty environment variable does not hide the file's value either.
        Properties file = new Properties();
        file.setProperty("ingest.partitions", "6");
        file.setProperty("ingest.http.port", "");
        assertThat(WorkerConfig.load(Map.of("INGEST_PARTITIONS", ""), file).partitions())
                .isEqualTo(6);
        assertThat(WorkerConfig.load(Map.of(), file).httpPort()).isEqualTo(8080);
    }

    @Test
    void badTopicNamesAreReportedUpFront() {
        Map<String, String> env = Map.of(
                "INGEST_RAW_TOPIC", "wire raw",
                "INGEST_ARTICLES_TOPIC", "a".repeat(250),
                "INGEST_REJECTED_TOPIC", "..");
        assertThatThrownBy(() -> WorkerConfig.load(env, new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(3)
                                .allSatisfy(p -> assertThat(p).contains("is not a valid topic name")));
    }

    @Test
    void everyKafkaPasswordSettingAndSecretLookingNameIsMasked() throws Exception {
        Properties file = new Properties();
        file.setProperty("kafka.sasl.oauthbearer.assertion.private.key.passphrase", "SECRETPASSPHRASE");
        file.setProperty("kafka.ssl.truststore.password", "TRUSTSTOREPASS");
        file.setProperty("kafka.ssl.keystore.key", "PEMKEYMATERIAL");
        file.setProperty("kafka.my.plugin.client.secret", "PLUGINSECRET");
        file.setProperty("kafka.my.plugin.api.key", "PLUGINAPIKEY");
        file.setProperty("kafka.sasl.mechanism", "OAUTHBEARER");
        // A plugin (here a login callback handler) may read settings Kafka does not know: they pass, masked.
        file.setProperty(
                "kafka.sasl.login.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        WorkerConfig config = WorkerConfig.load(
                Map.of(
                        "KAFKA_CLIENT_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                                + "clientSecret=\"ENVJAAS\";"),
                file);
        String described = String.join("\n", config.describe()) + config;
        assertThat(described)
                .doesNotContain("SECRETPASSPHRASE")
                .doesNotContain("TRUSTSTOREPASS")
                .doesNotContain("PEMKEYMATERIAL")
                .doesNotContain("PLUGINSECRET")
                .doesNotContain("PLUGINAPIKEY")
                .doesNotContain("ENVJAAS")
                .contains("kafka.sasl.oauthbearer.assertion.private.key.passphrase=****")
                .contains("kafka.sasl.mechanism=OAUTHBEARER");
        for (var def : List.of(
                org.apache.kafka.clients.producer.ProducerConfig.configDef(),
                org.apache.kafka.clients.consumer.ConsumerConfig.configDef(),
                org.apache.kafka.clients.admin.AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == org.apache.kafka.common.config.ConfigDef.Type.PASSWORD) {
                    assertThat(WorkerConfig.isSecretName(name)).as(name).isTrue();
                }
            });
        }
        assertThat(WorkerConfig.isSecretName("security.protocol")).isFalse();
        assertThat(WorkerConfig.isSecretName("max.request.size")).isFalse();
    }

    @Test
    void bootstrapServersAsAPassThroughSettingIsReported() {
        assertThatThrownBy(
                        () -> WorkerConfig.load(Map.of("KAFKA_CLIENT_BOOTSTRAP_SERVERS", "b:9092"), new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("KAFKA_CLIENT_BOOTSTRAP_SERVERS is not used: the brokers are set with "
                                        + "KAFKA_BOOTSTRAP_SERVERS (or kafka.bootstrap.servers in the config file)"));
    }

    @Test
    void anUnusableHttpHostIsReportedUnlessHttpIsOff() throws Exception {
        assertThatThrownBy(() -> WorkerConfig.load(Map.of("INGEST_HTTP_HOST", "256.1.1.1"), new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("INGEST_HTTP_HOST '256.1.1.1' is not a valid IPv4 address"));
        // TEST-NET-1: a valid address, but not one of this machine's.
        assertThatThrownBy(() -> WorkerConfig.load(Map.of("INGEST_HTTP_HOST", "192.0.2.1"), new Properties()))
                .hasMessageContaining("INGEST_HTTP_HOST '192.0.2.1' (192.0.2.1) is not an address of this machine");
        assertThat(WorkerConfig.load(Map.of("INGEST_HTTP_HOST", "127.0.0.1"), new Properties())
                        .httpHost())
                .isEqualTo("127.0.0.1");
        assertThat(WorkerConfig.load(
                                Map.of("INGEST_HTTP_HOST", "256.1.1.1", "INGEST_HTTP_PORT", "-1"), new Properties())
                        .httpPort())
                .isEqualTo(-1);
    }

    @Test
    void fileProblemsNameTheFileKeyAndTheFileAndAMissingFileSaysWhy() throws Exception {
        Path file = temp.resolve("worker.properties");
        Files.writeString(file, "ingest.http.port=eighty\ningest.partitions=0\n");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of("INGEST_THREADS", "0"), file))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "ingest.http.port in " + file + " must be a whole number, not 'eighty'",
                                        "ingest.partitions in " + file + " must be at least 1, not 0",
                                        "INGEST_THREADS must be at least 1, not 0"));
        Path missing = temp.resolve("nope.properties");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of(), missing))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("cannot read config file " + missing + ": no such file"));
    }

    @Test
    void sizeLimitsAreCoherentByDefaultAndContradictionsAreReported() throws Exception {
        WorkerConfig config = WorkerConfig.defaults();
        assertThat(config.maxItemBytes()).isEqualTo(1_048_576);
        // Room for the article of an item at the limit: text and HTML, markup, escaping, metadata.
        assertThat(config.maxRecordBytes()).isEqualTo(4 * 1_048_576 + 65_536).isEqualTo(4_259_840);
        assertThat(config.kafkaMessageBytes()).isEqualTo(4_276_224);
        assertThat(WorkerConfig.defaults()
                        .with(Map.of("INGEST_MAX_ITEM_BYTES", "3000000"))
                        .maxRecordBytes())
                .isEqualTo(12_000_000 + 65_536);
        // The largest item limit still gives an int Kafka size.
        WorkerConfig largest = WorkerConfig.defaults().with(Map.of("INGEST_MAX_ITEM_BYTES", "1073741824"));
        assertThat(largest.kafkaMessageBytes()).isEqualTo(Integer.MAX_VALUE);
        assertThat((long) largest.maxRecordBytes()).isGreaterThan(WorkerConfig.minRecordBytes(1L << 30));
        // The minimum stays what the base64 envelope and its dead letter need.
        assertThat(WorkerConfig.load(Map.of("INGEST_MAX_RECORD_BYTES", "1463640"), new Properties())
                        .maxRecordBytes())
                .isEqualTo(1_463_640);

        assertThatThrownBy(() -> WorkerConfig.load(Map.of("INGEST_MAX_RECORD_BYTES", "1000000"), new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("INGEST_MAX_RECORD_BYTES (1000000) is too small for "
                                        + "INGEST_MAX_ITEM_BYTES (1048576): an item at the item limit, sent as a base64 "
                                        + "envelope and dead-lettered with its headers, needs up to 1463640 bytes; "
                                        + "raise it to at least 1463640 or leave it unset"));
        Properties file = new Properties();
        file.setProperty("kafka.max.request.size", "1048576");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of(), file))
                .hasMessageContaining(
                        "kafka.max.request.size in the config file ('1048576') is below what the worker " + "sends");
        file.setProperty("kafka.max.request.size", "4276223");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of(), file)).hasMessageContaining("need 4276224 bytes");
        file.setProperty("kafka.max.request.size", "5000000");
        assertThat(WorkerConfig.load(Map.of(), file).clientProperties()).containsEntry("max.request.size", "5000000");
        assertThat(WorkerConfig.load(Map.of("INGEST_MAX_ITEM_BYTES", "4096", "INGEST_MAX_RECORD_BYTES", "80000"), file)
                        .maxRecordBytes())
                .isEqualTo(80_000);
    }

    @Test
    void aReservedClientSettingIsNamedAsSet() {
        Properties file = new Properties();
        file.setProperty("kafka.enable.auto.commit", "true");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of("KAFKA_CLIENT_ISOLATION_LEVEL", "read_uncommitted"), file))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "kafka.enable.auto.commit in the config file cannot be set: the worker sets the "
                                                + "Kafka client setting 'enable.auto.commit' itself (exactly-once "
                                                + "depends on it)",
                                        "KAFKA_CLIENT_ISOLATION_LEVEL cannot be set: the worker sets the Kafka client "
                                                + "setting 'isolation.level' itself (exactly-once depends on it)"));
    }

    @Test
    void theLogLevelIsCheckedAndTakenFromTheEnvironmentOnly() throws Exception {
        assertThat(WorkerConfig.load(Map.of("INGEST_LOG_LEVEL", "debug"), new Properties())
                        .get(WorkerConfig.LOG_LEVEL))
                .isEqualTo("debug");
        for (String level : WorkerConfig.LOG_LEVELS) {
            WorkerConfig.load(Map.of("INGEST_LOG_LEVEL", level), new Properties());
        }
        assertThatThrownBy(() -> WorkerConfig.load(Map.of("INGEST_LOG_LEVEL", "LOUD"), new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("INGEST_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF "
                                        + "(any case), not 'LOUD'"));
        Path file = temp.resolve("worker.properties");
        Files.writeString(file, "ingest.log.level=DEBUG\n");
        assertThatThrownBy(() -> WorkerConfig.load(Map.of(), file))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("ingest.log.level in " + file + " is not read: the log level is set "
                                        + "only with the environment variable INGEST_LOG_LEVEL (logback reads it when "
                                        + "the JVM starts)"));
    }

    private static List<String> problems(Map<String, String> env, Properties file) {
        try {
            WorkerConfig.load(env, file);
        } catch (WorkerConfig.InvalidConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected configuration problems");
    }

    @Test
    void aMisspeltClientKeyIsAProblemWithTheNearestNameAndNoValue() {
        Properties file = new Properties();
        file.setProperty(
                "kafka.sasl.jass.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
                        + "password=\"S3cretTypoA2\";");
        List<String> problems = problems(Map.of("KAFKA_CLIENT_BASIC_AUTH_USER_INFO", "user:S3cretUI5"), file);
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "kafka.sasl.jass.config in the config file is not a Kafka client setting ('sasl.jass.config' "
                                + "is not a producer, consumer or admin client config); did you mean "
                                + "kafka.sasl.jaas.config?",
                        "KAFKA_CLIENT_BASIC_AUTH_USER_INFO is not a Kafka client setting ('basic.auth.user.info' is "
                                + "not a producer, consumer or admin client config)");
        assertThat(String.join("\n", problems)).doesNotContain("S3cret");
        assertThat(problems(Map.of("KAFKA_CLIENT_SECURITY_PROTOCOLL", "SSL"), new Properties()))
                .singleElement()
                .asString()
                .endsWith("did you mean KAFKA_CLIENT_SECURITY_PROTOCOL?");
    }

    @Test
    void aClientEnvironmentVariableAndItsClientKeyConvertBothWays() {
        assertThat(WorkerConfig.clientKeyOfEnv("KAFKA_CLIENT_SASL_MECHANISM")).isEqualTo("sasl.mechanism");
        assertThat(WorkerConfig.clientEnvName("sasl.mechanism")).isEqualTo("KAFKA_CLIENT_SASL_MECHANISM");
        for (String key : List.of("ssl.endpoint.identification.algorithm", "config.providers", "acks")) {
            assertThat(WorkerConfig.clientKeyOfEnv(WorkerConfig.clientEnvName(key)))
                    .isEqualTo(key);
        }
    }

    @Test
    void badClientValuesAreProblemsWithoutSecretValues() {
        Properties file = new Properties();
        file.setProperty("kafka.security.protocol", "PLAINTXT");
        file.setProperty("kafka.session.timeout.ms", "soon");
        file.setProperty(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
                        + "password=\"S3cretJaasA1\"");
        List<String> problems = problems(Map.of(), file);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0))
                .startsWith("kafka.sasl.jaas.config in the config file is not valid (value not shown): ");
        assertThat(problems.get(1))
                .startsWith("kafka.security.protocol in the config file is not valid: ")
                .contains("PLAINTXT")
                .contains("SASL_SSL");
        assertThat(problems.get(2)).startsWith("kafka.session.timeout.ms in the config file is not valid: ");
        assertThat(String.join("\n", problems)).doesNotContain("S3cret");
    }

    @Test
    void aBatchMayRunForHalfTheSmallerOfTheTransactionTimeoutAndThePollIntervalAndAnItemForLess() throws Exception {
        assertThat(WorkerConfig.defaults().maxBatchTime()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(WorkerConfig.load(Map.of("KAFKA_CLIENT_TRANSACTION_TIMEOUT_MS", "900000"), new Properties())
                        .maxBatchTime())
                .isEqualTo(java.time.Duration.ofSeconds(150));
        assertThat(WorkerConfig.load(Map.of("KAFKA_CLIENT_MAX_POLL_INTERVAL_MS", "20000"), new Properties())
                        .maxBatchTime())
                .isEqualTo(java.time.Duration.ofSeconds(10));

        // An item budget a batch's transaction could not outlast is refused at start-up, naming both settings.
        assertThat(problems(Map.of("INGEST_MAX_TIME_MS", "30000"), new Properties()))
                .singleElement()
                .asString()
                .startsWith("INGEST_MAX_TIME_MS (30000 ms) must be less than 30000 ms")
                .contains("transaction.timeout.ms (60000 ms, Kafka's default)")
                .contains("max.poll.interval.ms (300000 ms, Kafka's default)")
                .endsWith("lower it, or raise kafka.transaction.timeout.ms");
        // The binding setting is named as it was set.
        assertThat(problems(
                        Map.of("INGEST_MAX_TIME_MS", "5000", "KAFKA_CLIENT_MAX_POLL_INTERVAL_MS", "8000"),
                        new Properties()))
                .singleElement()
                .asString()
                .startsWith("INGEST_MAX_TIME_MS (5000 ms) must be less than 4000 ms")
                .contains("max.poll.interval.ms (8000 ms)")
                .endsWith("raise KAFKA_CLIENT_MAX_POLL_INTERVAL_MS");
        // A timeout too small for any batch says so instead of "less than 0 ms" or "less than 1 ms".
        for (String tiny : List.of("3", "1")) {
            assertThat(problems(Map.of("KAFKA_CLIENT_TRANSACTION_TIMEOUT_MS", tiny), new Properties()))
                    .singleElement()
                    .asString()
                    .startsWith("KAFKA_CLIENT_TRANSACTION_TIMEOUT_MS (" + tiny
                            + " ms) leaves a batch's transaction no time");
        }
        assertThat(WorkerConfig.load(
                                Map.of("INGEST_MAX_TIME_MS", "30000", "KAFKA_CLIENT_TRANSACTION_TIMEOUT_MS", "120000"),
                                new Properties())
                        .maxBatchTime())
                .isEqualTo(java.time.Duration.ofSeconds(60));
    }

    @Test
    void documentedClientSettingsStillPass() throws Exception {
        Properties file = new Properties();
        file.setProperty("kafka.bootstrap.servers", "broker-1.example.net:9093");
        file.setProperty("kafka.security.protocol", "SASL_SSL");
        file.setProperty("kafka.sasl.mechanism", "SCRAM-SHA-512");
        file.setProperty(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"wire-ingest\" "
                        + "password=\"...\";");
        file.setProperty("kafka.ssl.truststore.location", "/etc/wire-ingest/truststore.p12");
        file.setProperty("kafka.ssl.truststore.password", "...");
        file.setProperty("kafka.max.block.ms", "5000");
        file.setProperty("kafka.client.dns.lookup", "use_all_dns_ips");
        file.setProperty("kafka.session.timeout.ms", "45000");
        file.setProperty("kafka.transaction.timeout.ms", "60000");
        file.setProperty("kafka.config.providers", "file");
        file.setProperty(
                "kafka.config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        WorkerConfig config = WorkerConfig.load(
                Map.of(
                        "KAFKA_CLIENT_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM",
                        "",
                        "KAFKA_CLIENT_SASL_MECHANISM",
                        "PLAIN"),
                file);
        assertThat(config.clientProperties())
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("client.dns.lookup", "use_all_dns_ips");
        assertThat(config.describe()).contains("kafka.config.providers.file.class=****");
    }

    @Test
    void configProviderPlaceholdersAreLeftToTheClient() throws Exception {
        Properties file = new Properties();
        file.setProperty("kafka.bootstrap.servers", "127.0.0.1:29851");
        file.setProperty("kafka.config.providers", "file,env");
        file.setProperty(
                "kafka.config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        file.setProperty(
                "kafka.config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        file.setProperty("kafka.security.protocol", "${file:/tmp/cprov/secrets.properties:proto}");
        file.setProperty("kafka.request.timeout.ms", "${file:/tmp/cprov/secrets.properties:rt}");
        file.setProperty("kafka.sasl.jaas.config", "${file:/etc/kafka/secrets.properties:jaas}");
        file.setProperty("kafka.max.request.size", "${env:MAX_REQUEST_SIZE}");
        file.setProperty("kafka.ssl.truststore.password", "prefix-${env:TRUSTSTORE_PASSWORD}");
        WorkerConfig config = WorkerConfig.load(Map.of(), file);
        assertThat(config.clientProperties())
                .containsEntry("security.protocol", "${file:/tmp/cprov/secrets.properties:proto}")
                .containsEntry("request.timeout.ms", "${file:/tmp/cprov/secrets.properties:rt}");
        assertThat(config.describe()).doesNotContain("secrets.properties:jaas");
    }

    @Test
    void aPlaceholderNeedsItsProvider() {
        Properties file = new Properties();
        file.setProperty("kafka.config.providers", "file");
        file.setProperty(
                "kafka.config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        file.setProperty("kafka.security.protocol", "${env:PROTOCOL}");
        file.setProperty("kafka.request.timeout.ms", "soon");
        file.setProperty("kafka.sasl.jaas.config", "${vault:secret/kafka:jaas}");
        List<String> problems = problems(Map.of(), file);
        assertThat(problems)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("kafka.security.protocol")
                        .contains("config provider 'env'")
                        .contains("kafka.config.providers"))
                .anySatisfy(p ->
                        assertThat(p).startsWith("kafka.request.timeout.ms").contains("not valid"))
                .anySatisfy(
                        p -> assertThat(p).startsWith("kafka.sasl.jaas.config").contains("config provider 'vault'"));
        assertThat(String.join("\n", problems)).doesNotContain("secret/kafka").doesNotContain("PROTOCOL");

        Properties none = new Properties();
        none.setProperty("kafka.request.timeout.ms", "${file:/tmp/cprov/secrets.properties:rt}");
        assertThat(problems(Map.of(), none))
                .singleElement()
                .asString()
                .startsWith("kafka.request.timeout.ms")
                .contains("config provider 'file'");
    }

    @Test
    void theShippedPlaceholderTokenIsRefused() throws Exception {
        String shipped = "replace-me-with-a-long-random-token";
        Path manifest = Path.of("..", "deploy", "kubernetes", "configmap.yaml");
        if (Files.exists(manifest)) {
            assertThat(Files.readString(manifest)).contains("INGEST_HTTP_TOKEN: \"" + shipped + "\"");
        }
        assertThat(problems(Map.of("INGEST_HTTP_TOKEN", shipped), new Properties()))
                .containsExactly("INGEST_HTTP_TOKEN is still the example's placeholder: set a random token of your "
                        + "own, e.g. the output of `openssl rand -hex 32`");
        Properties file = new Properties();
        file.setProperty("ingest.http.token", "CHANGE-ME-0123456789");
        assertThat(problems(Map.of(), file)).singleElement().asString().contains("placeholder");
        assertThat(WorkerConfig.load(Map.of("INGEST_HTTP_TOKEN", "0123456789abcdef0123"), new Properties())
                        .httpToken())
                .contains("0123456789abcdef0123");
    }

    @Test
    void theHttpReadTimeoutIsAtLeastOneSecond() throws Exception {
        assertThat(WorkerConfig.defaults().httpReadTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(WorkerConfig.load(Map.of("INGEST_HTTP_READ_TIMEOUT_MS", "1500"), new Properties())
                        .httpReadTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(problems(Map.of("INGEST_HTTP_READ_TIMEOUT_MS", "999"), new Properties()))
                .containsExactly("INGEST_HTTP_READ_TIMEOUT_MS must be at least 1000, not 999");
    }

    @Test
    void theManagementPortIsOffUnlessSetAndNeverTheHttpPort() throws Exception {
        assertThat(WorkerConfig.defaults().managementPort()).isEqualTo(-1);
        assertThat(WorkerConfig.load(Map.of("INGEST_MANAGEMENT_PORT", "-1"), new Properties())
                        .managementPort())
                .isEqualTo(-1);
        assertThat(WorkerConfig.load(Map.of("INGEST_MANAGEMENT_PORT", "8081"), new Properties())
                        .managementPort())
                .isEqualTo(8081);
        // 0 (any free port) on both is fine: they get different ports.
        assertThat(WorkerConfig.load(Map.of("INGEST_HTTP_PORT", "0", "INGEST_MANAGEMENT_PORT", "0"), new Properties())
                        .managementPort())
                .isZero();
        Properties file = new Properties();
        file.setProperty("ingest.management.port", "9100");
        assertThat(WorkerConfig.load(Map.of(), file).managementPort()).isEqualTo(9100);
        assertProblems(
                Map.of("INGEST_MANAGEMENT_PORT", "8080"),
                "INGEST_MANAGEMENT_PORT must differ from INGEST_HTTP_PORT (both 8080)");
        assertProblems(
                Map.of("INGEST_MANAGEMENT_PORT", "-2"),
                "INGEST_MANAGEMENT_PORT must be unset or -1 (none), 0 (any) or a port number, not -2");
        assertProblems(
                Map.of("INGEST_MANAGEMENT_PORT", "70000"),
                "INGEST_MANAGEMENT_PORT must be a port number (0-65535), not 70000");
        assertProblems(
                Map.of("INGEST_MANAGEMENT_PORT", "8081", "INGEST_HTTP_PORT", "-1"),
                "INGEST_MANAGEMENT_PORT needs the HTTP server, but INGEST_HTTP_PORT is -1 (off)");
    }

    private static void assertProblems(Map<String, String> env, String... problems) {
        assertThatThrownBy(() -> WorkerConfig.load(env, new Properties()))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(problems));
    }
}
