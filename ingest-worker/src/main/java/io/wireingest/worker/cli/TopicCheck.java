package io.wireingest.worker.cli;

import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.BrokerErrors;
import io.wireingest.worker.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks up front, with a short timeout, that the topics a client command reads or writes exist, so that a typo
 * fails at once with a clear message instead of a minute of client warnings. A broker that does not answer is
 * reported as {@code run} reports it: the address, the key it was set with, and a hint about the TLS/SASL settings
 * when connections were closed during the handshake ({@link BrokerErrors#handshakeHint}).
 */
final class TopicCheck {
    /** How long the check waits for the broker. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TopicCheck() {}

    /** The broker did not answer, or refused to describe the topics. */
    static final class BrokerException extends Exception {
        private static final long serialVersionUID = 1L;

        BrokerException(String message) {
            super(message);
        }
    }

    /** The given topics that do not exist on the broker (empty when all exist). */
    static List<String> missing(WorkerConfig config, KafkaClients clients, String clientId, List<String> topics)
            throws BrokerException {
        return missing(config, clients, clientId, topics, TIMEOUT);
    }

    /** {@link #missing(WorkerConfig, KafkaClients, String, List)} waiting up to {@code timeout} (for tests). */
    static List<String> missing(
            WorkerConfig config, KafkaClients clients, String clientId, List<String> topics, Duration timeout)
            throws BrokerException {
        List<String> missing = new ArrayList<>();
        // The brokers' address and where it came from: the key as it was set, or the embedded broker's file.
        String at = clients.bootstrapServers() + " ("
                + ConfigOption.embeddedFile(config)
                        .map(f -> "from " + f)
                        .orElse(config.nameOf(WorkerConfig.BOOTSTRAP_SERVERS))
                + ")";
        Map<String, Object> settings = clients.admin(clientId);
        Object protocol = settings.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        try (Admin admin = Admin.create(settings)) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                            topics, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .topicNameValues();
            for (String topic : topics) {
                try {
                    described.get(topic).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        if (!missing.contains(topic)) {
                            missing.add(topic);
                        }
                    } else if (e.getCause() instanceof AuthenticationException) {
                        throw new BrokerException("the broker at " + at + " refused the connection: "
                                + e.getCause().getMessage() + "; " + BrokerErrors.CHECK_SECURITY);
                    } else {
                        throw new BrokerException("cannot describe topic '" + topic + "' at " + at + ": "
                                + e.getCause().getMessage()
                                + hint(admin, protocol));
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new BrokerException("no answer from the broker at " + at + " within " + timeout.toSeconds()
                            + " s" + hint(admin, protocol));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while checking the topics");
        }
        return missing;
    }

    /** The TLS/SASL handshake hint, with its separator, or nothing. */
    private static String hint(Admin admin, Object protocol) {
        String hint = BrokerErrors.handshakeHint(admin, protocol);
        return hint == null ? "" : "; " + hint;
    }
}
