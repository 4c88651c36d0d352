package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class BrokerErrorsTest {
    @Test
    void fencingAndAuthorizationAreFatalEvenWhenWrapped() {
        assertThat(BrokerErrors.classify(new ProducerFencedException("fenced"))).isEqualTo(BrokerErrors.Kind.FATAL);
        assertThat(BrokerErrors.classify(new KafkaException("commit failed", new TopicAuthorizationException("no"))))
                .isEqualTo(BrokerErrors.Kind.FATAL);
    }

    @Test
    void aGroupThatMovedIsARebalance() {
        assertThat(BrokerErrors.classify(new CommitFailedException())).isEqualTo(BrokerErrors.Kind.REBALANCE);
    }

    @Test
    void everythingElseIsRetried() {
        assertThat(BrokerErrors.classify(new TimeoutException("slow"))).isEqualTo(BrokerErrors.Kind.RETRIABLE);
        assertThat(BrokerErrors.classify(new KafkaException(new NotEnoughReplicasException("isr"))))
                .isEqualTo(BrokerErrors.Kind.RETRIABLE);
    }
}
