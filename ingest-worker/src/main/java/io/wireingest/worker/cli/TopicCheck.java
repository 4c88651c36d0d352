package io.wireingest.worker.cli;

import io.wireingest.worker.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks up front, with a short timeout, that the topics a client command reads or writes exist, so that a typo
 * fails at once with a clear message instead of a minute of client warnings.
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
    static List<String> missing(KafkaClients clients, String clientId, List<String> topics) throws BrokerException {
        List<String> missing = new ArrayList<>();
        try (Admin admin = Admin.create(clients.admin(clientId))) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(
                            topics, new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .topicNameValues();
            for (String topic : topics) {
                try {
                    described.get(topic).get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        if (!missing.contains(topic)) {
                            missing.add(topic);
                        }
                    } else {
                        throw new BrokerException(
                                "cannot describe topic '" + topic + "' at " + clients.bootstrapServers() + ": "
                                        + e.getCause().getMessage());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new BrokerException("no answer from the broker at " + clients.bootstrapServers() + " within "
                            + TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while checking the topics");
        }
        return missing;
    }
}
