package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wireingest.worker.testing.ExactlyOnce;
import io.wireingest.worker.testing.TestTopics;
import io.wireingest.worker.testing.WorkerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker against a broker that authenticates its clients (SASL/PLAIN) and authorizes them (KRaft's
 * {@code StandardAuthorizer}, nothing allowed without an ACL), over plaintext and over TLS, as a newsroom's managed
 * Kafka does: the SASL and TLS settings reach every client of the worker through {@code kafka.*} keys (properties
 * file) and {@code KAFKA_CLIENT_*} variables unchanged; a principal without write access to the articles topic stops
 * the worker with exit code 1 having committed nothing; a wrong password, or a broker certificate the worker does not
 * trust, stops it without a retry loop; no password ever reaches the log.
 *
 * <p>The broker is this class's own, in the test JVM: a PLAINTEXT listener for the test's own admin and records (its
 * anonymous principal is a super user), and a SASL_PLAINTEXT and a SASL_SSL listener (a self-signed certificate made
 * with {@code keytool}) that the workers (separate JVMs) use.
 */
class SecuredBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String WORKER_PASSWORD = "wk-pass-7f3a9c";
    private static final String READER_PASSWORD = "rd-pass-41be02";
    private static final String KEYSTORE_PASSWORD = "ks-pass-90c2d4";
    private static final String TRUSTSTORE_PASSWORD = "ts-pass-6a81ef";

    @TempDir
    static Path dir;

    private static KafkaRaftServer server;
    private static String plainBootstrap;
    private static String saslBootstrap;
    private static String saslSslBootstrap;
    /** A PKCS12 truststore that holds the broker's self-signed certificate (for 127.0.0.1). */
    private static Path truststore;

    @TempDir
    Path temp;

    @BeforeAll
    static void startBroker() throws Exception {
        int plain = freePort();
        int sasl = freePort();
        int saslSsl = freePort();
        int controller = freePort();
        Path keystore = dir.resolve("broker.p12");
        truststore = dir.resolve("truststore.p12");
        selfSignedCertificate(keystore, truststore);
        Properties props = EmbeddedBroker.serverProperties(dir.resolve("logs"), plain, controller, 1048576);
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl + ",SASL_SSL://127.0.0.1:"
                        + saslSsl + ",CONTROLLER://127.0.0.1:" + controller);
        props.put(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl + ",SASL_SSL://127.0.0.1:"
                        + saslSsl);
        props.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        props.put("sasl.enabled.mechanisms", "PLAIN");
        String users = "org.apache.kafka.common.security.plain.PlainLoginModule required user_worker=\""
                + WORKER_PASSWORD + "\" user_reader=\"" + READER_PASSWORD + "\";";
        props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", users);
        props.put("listener.name.sasl_ssl.plain.sasl.jaas.config", users);
        props.put("listener.name.sasl_ssl.ssl.keystore.location", keystore.toString());
        props.put("listener.name.sasl_ssl.ssl.keystore.password", KEYSTORE_PASSWORD);
        props.put("listener.name.sasl_ssl.ssl.key.password", KEYSTORE_PASSWORD);
        props.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The broker's own requests to its controller and the test's admin come in on plaintext listeners.
        props.put("super.users", "User:ANONYMOUS");
        Path propsFile = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, null);
        }
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int rc = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString()},
                new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        assertThat(rc).as(formatOutput.toString(StandardCharsets.UTF_8)).isZero();
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        plainBootstrap = "127.0.0.1:" + plain;
        saslBootstrap = "127.0.0.1:" + sasl;
        saslSslBootstrap = "127.0.0.1:" + saslSsl;
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            try (Admin admin = Admin.create(admin())) {
                return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
            }
        });
    }

    @AfterAll
    static void stopBroker() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /**
     * SASL_PLAINTEXT, and SASL_SSL with the settings of the README's example (a PKCS12 truststore given by location
     * and password only), so both the SASL and the TLS settings are shown to reach every client.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SASL_PLAINTEXT", "SASL_SSL"})
    void everyClientOfTheWorkerAndTheCommandsAuthenticatesWithTheSettingsGiven(String protocol) throws Exception {
        boolean tls = protocol.equals("SASL_SSL");
        String bootstrap = bootstrap(protocol);
        TestTopics topics = TestTopics.create(admin(), tls ? "granted-tls" : "granted", 2);
        grant("worker", topics, true);
        TestTopics.produce(admin(), ExactlyOnce.records(topics, "g", 0, 30));
        // The settings as kafka.* keys of a --config file, the way a secret mounted as a file carries them.
        Path config = temp.resolve("worker.properties");
        List<String> lines = new ArrayList<>(List.of(
                "kafka.security.protocol=" + protocol,
                "kafka.sasl.mechanism=PLAIN",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"worker\" password=\"" + WORKER_PASSWORD + "\";"));
        if (tls) {
            lines.add("kafka.ssl.truststore.location=" + truststore);
            lines.add("kafka.ssl.truststore.password=" + TRUSTSTORE_PASSWORD);
        }
        Files.write(config, lines);
        // publish, with the same settings as KAFKA_CLIENT_* variables.
        Path folder = Files.createDirectories(temp.resolve("backfill"));
        for (int n = 30; n < 33; n++) {
            Files.writeString(folder.resolve("g-" + n + ".txt"), ExactlyOnce.story(n));
        }
        Map<String, String> commandEnv = new HashMap<>(topics.env("granted-cli", bootstrap));
        commandEnv.putAll(saslEnv(protocol, "worker", WORKER_PASSWORD));
        if (tls) {
            commandEnv.put("KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", truststore.toString());
            commandEnv.put("KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
        }
        try (WorkerProcess publish = WorkerProcess.start(
                commandEnv, temp.resolve("publish.log"), "publish", "--feed", "antara-id", folder.toString())) {
            assertThat(publish.waitFor(120)).as(publish.logText()).isZero();
            assertThat(publish.logText())
                    .contains("published 3 of 3 items")
                    .doesNotContain(WORKER_PASSWORD)
                    .doesNotContain(TRUSTSTORE_PASSWORD);
        }

        int http = freePort();
        Map<String, String> env = new HashMap<>(topics.env("granted", bootstrap));
        env.put("INGEST_HTTP_PORT", Integer.toString(http));
        // The default: existing topics need no Create ACL.
        env.remove("INGEST_CREATE_TOPICS");
        String base = "http://127.0.0.1:" + http;
        HttpClient client = HttpClient.newHttpClient();
        try (WorkerProcess worker =
                WorkerProcess.start(env, temp.resolve("granted.log"), "run", "--config", config.toString())) {
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> client.send(
                                            HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
            // POST /items goes through the worker's own producer.
            HttpResponse<String> posted = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/items"))
                            .header("Content-Type", "text/plain; charset=utf-8")
                            .header("X-Feed", "antara-id")
                            .header("X-Item-Id", "g-33")
                            .POST(HttpRequest.BodyPublishers.ofString(ExactlyOnce.story(33)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(worker.alive())
                        .as("worker JVM alive; log:\n%s", worker.logText())
                        .isTrue();
                return TestTopics.readCommitted(admin(), topics.articles(), 0, Duration.ofMillis(300))
                                .size()
                        >= 34;
            });
            // GET /articles reads the articles topic back with its own consumer.
            HttpResponse<String> articles = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/articles?limit=50"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(articles.statusCode()).isEqualTo(200);
            assertThat(articles.body()).contains("urn:wireingest:antara-id:g-33", "urn:wireingest:antara-id:g-0");
            // The group-lag check queries the group's offsets and the topic's ends with the admin client.
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> client.send(
                                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()
                            .lines()
                            .anyMatch(l -> l.startsWith("ingest_group_lag{") && l.endsWith(" 0.0")));
            worker.terminate();
            assertThat(worker.waitFor(60)).as(worker.logText()).isZero();
            assertThat(worker.logText())
                    .doesNotContain(WORKER_PASSWORD)
                    .doesNotContain(TRUSTSTORE_PASSWORD)
                    .doesNotContain("could not check")
                    .doesNotContain("AuthorizationException");
        }
        // The published files' item ids are their names.
        Map<String, String> expected = new HashMap<>(ExactlyOnce.expectedHashes("g", 0, 34));
        for (int n = 30; n < 33; n++) {
            expected.put("g-" + n + ".txt", expected.remove("g-" + n));
        }
        ExactlyOnce.assertExactlyOnce(TestTopics.readCommitted(admin(), topics.articles(), 34, WAIT), expected);

        // replay-rejected reads the dead-letter topic (empty here) with the same settings.
        try (WorkerProcess replay =
                WorkerProcess.start(commandEnv, temp.resolve("replay.log"), "replay-rejected", "--dry-run")) {
            assertThat(replay.waitFor(120)).as(replay.logText()).isZero();
            assertThat(replay.logText()).doesNotContain(WORKER_PASSWORD).doesNotContain(TRUSTSTORE_PASSWORD);
        }
    }

    @Test
    void aPrincipalThatMayNotWriteArticlesStopsTheWorkerWithNothingCommitted() throws Exception {
        TestTopics topics = TestTopics.create(admin(), "denied", 2);
        // Everything the worker needs except the right to write the articles topic.
        grant("reader", topics, false);
        TestTopics.produce(admin(), ExactlyOnce.records(topics, "d", 0, 10));
        Map<String, String> env = new HashMap<>(topics.env("denied", saslBootstrap));
        env.putAll(saslEnv("SASL_PLAINTEXT", "reader", READER_PASSWORD));
        try (WorkerProcess worker = WorkerProcess.start(env, temp.resolve("denied.log"), "run")) {
            int exit = worker.waitFor(WAIT.toSeconds());
            String log = worker.logText();
            assertThat(exit).as(log).isEqualTo(1);
            assertThat(log)
                    .contains("TopicAuthorizationException")
                    .contains("Not authorized to access topics: [" + topics.articles() + "]")
                    .contains("ACLs listed under \"Kafka ACLs\" in docs/OPERATIONS.md")
                    .contains("wire-ingest stopped (exit 1)")
                    .doesNotContain(READER_PASSWORD);
        }
        // Nothing published, and no offset committed past an item it did not publish.
        assertThat(TestTopics.readCommitted(admin(), topics.articles(), 0, Duration.ofSeconds(2)))
                .isEmpty();
        try (Admin admin = Admin.create(admin())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(topics.group())
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            assertThat(offsets.values())
                    .allSatisfy(o -> assertThat(o == null ? 0 : o.offset()).isZero());
        }
    }

    /**
     * Clients the broker does not let in: SASL with a wrong password, and TLS without a truststore (the JVM's default
     * trust anchors do not hold the broker's self-signed certificate). Either stops {@code run} at start-up.
     */
    @ParameterizedTest
    @CsvSource({
        "wrongpass, SASL_PLAINTEXT, not-the-password-5d1e, SaslAuthenticationException",
        "untrusted, SASL_SSL, " + WORKER_PASSWORD + ", SslAuthenticationException"
    })
    void aClientTheBrokerDoesNotLetInStopsTheWorkerAndNamesTheSecuritySettings(
            String name, String protocol, String password, String exception) throws Exception {
        TestTopics topics = TestTopics.create(admin(), name, 2);
        grant("worker", topics, true);
        Map<String, String> env = new HashMap<>(topics.env(name, bootstrap(protocol)));
        env.putAll(saslEnv(protocol, "worker", password));
        try (WorkerProcess worker = WorkerProcess.start(env, temp.resolve(name + ".log"), "run")) {
            int exit = worker.waitFor(WAIT.toSeconds());
            String log = worker.logText();
            assertThat(exit).as(log).isEqualTo(1);
            assertThat(log)
                    .contains(exception)
                    .contains("kafka.security.protocol")
                    .contains("wire-ingest stopped (exit 1)")
                    .doesNotContain(password);
        }
    }

    /** The broker's listener for {@code protocol}: SASL_PLAINTEXT or SASL_SSL. */
    private static String bootstrap(String protocol) {
        return protocol.equals("SASL_SSL") ? saslSslBootstrap : saslBootstrap;
    }

    private static Map<String, String> saslEnv(String protocol, String user, String password) {
        return Map.of(
                "KAFKA_CLIENT_SECURITY_PROTOCOL",
                protocol,
                "KAFKA_CLIENT_SASL_MECHANISM",
                "PLAIN",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    /** The test's own client settings: the plaintext listener, whose anonymous principal is a super user. */
    private static Map<String, Object> admin() {
        return Map.of("bootstrap.servers", plainBootstrap);
    }

    /**
     * The ACLs of the table in docs/OPERATIONS.md ("Kafka ACLs"), for {@code run} with its HTTP API, {@code publish}
     * and {@code replay-rejected}; the write on the articles topic only when {@code articles} is true.
     */
    private static void grant(String user, TestTopics topics, boolean articles) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : List.of(topics.raw(), topics.articles(), topics.rejected())) {
            for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
            }
        }
        // run consumes raw; POST /items, publish and replay-rejected write it.
        acls.add(allow(user, ResourceType.TOPIC, topics.raw(), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(user, ResourceType.TOPIC, topics.raw(), PatternType.LITERAL, AclOperation.WRITE));
        // run writes dead letters, replay-rejected reads them.
        acls.add(allow(user, ResourceType.TOPIC, topics.rejected(), PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(user, ResourceType.TOPIC, topics.rejected(), PatternType.LITERAL, AclOperation.READ));
        // run writes articles, GET /articles reads them.
        acls.add(allow(user, ResourceType.TOPIC, topics.articles(), PatternType.LITERAL, AclOperation.READ));
        if (articles) {
            acls.add(allow(user, ResourceType.TOPIC, topics.articles(), PatternType.LITERAL, AclOperation.WRITE));
        }
        acls.add(allow(user, ResourceType.GROUP, topics.group(), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(user, ResourceType.GROUP, topics.group(), PatternType.LITERAL, AclOperation.DESCRIBE));
        // The transactional ids <prefix>-<instance>-<thread>; the prefix is the group id by default.
        acls.add(allow(user, ResourceType.TRANSACTIONAL_ID, topics.group(), PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(allow(
                user, ResourceType.TRANSACTIONAL_ID, topics.group(), PatternType.PREFIXED, AclOperation.DESCRIBE));
        try (Admin admin = Admin.create(admin())) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static AclBinding allow(
            String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /**
     * Makes the broker's key and self-signed certificate (valid for 127.0.0.1 and localhost) in {@code keystore}, and
     * a truststore that holds the certificate, both PKCS12, with the JDK's {@code keytool}.
     */
    private static void selfSignedCertificate(Path keystore, Path truststore) throws Exception {
        Path certificate = keystore.resolveSibling("broker.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                KEYSTORE_PASSWORD,
                "-keypass",
                KEYSTORE_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                KEYSTORE_PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                truststore.toString(),
                "-storepass",
                TRUSTSTORE_PASSWORD);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
