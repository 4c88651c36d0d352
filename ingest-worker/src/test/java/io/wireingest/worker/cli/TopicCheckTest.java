package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.KafkaClients;
import io.wireingest.worker.testing.ClosingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic check of {@code publish} and {@code replay-rejected} against brokers that do not answer: the message names
 * the address and the key it was set with, and hints at the TLS/SASL settings as {@code run} does.
 */
class TopicCheckTest {
    @TempDir
    Path dir;

    @Test
    void brokersThatCloseTheTlsHandshakeGetAHintAboutTheSecuritySettings() throws Exception {
        // A listener that accepts each connection and closes it at once, as a plaintext broker does to a TLS hello.
        try (ClosingListener server = new ClosingListener()) {
            String servers = server.servers();
            Path file = dir.resolve("ssl.properties");
            Files.writeString(file, "kafka.bootstrap.servers=" + servers + "\nkafka.security.protocol=SSL\n");
            WorkerConfig tls = WorkerConfig.load(Map.of(), file);
            assertThatThrownBy(() -> TopicCheck.missing(
                            tls,
                            new KafkaClients(tls, servers),
                            "topic-check-test",
                            List.of("wire.raw"),
                            Duration.ofSeconds(2)))
                    .isInstanceOf(TopicCheck.BrokerException.class)
                    .hasMessageStartingWith("cannot describe topic 'wire.raw' at " + servers
                            + " (kafka.bootstrap.servers in " + file + "): ")
                    .hasMessageEndingWith("; connections were made but closed during the TLS/SASL handshake: check "
                            + "kafka.security.protocol and the ssl./sasl. settings (KAFKA_CLIENT_*)");

            // A plaintext client has no handshake to fail: the key, no hint.
            WorkerConfig plain = WorkerConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", servers), new Properties());
            assertThatThrownBy(() -> TopicCheck.missing(
                            plain,
                            new KafkaClients(plain, servers),
                            "topic-check-test",
                            List.of("wire.raw"),
                            Duration.ofSeconds(2)))
                    .isInstanceOf(TopicCheck.BrokerException.class)
                    .hasMessageStartingWith(
                            "cannot describe topic 'wire.raw' at " + servers + " (KAFKA_BOOTSTRAP_SERVERS): ")
                    .message()
                    .doesNotContain("handshake");
        }
    }
}
