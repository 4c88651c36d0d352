package io.wireingest.worker.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Sorts broker and client failures into what the loop does about them (after Debezium's ErrorHandler): retry the
 * batch after a back-off, retry at once because the group moved, or stop the worker.
 */
public final class BrokerErrors {
    private BrokerErrors() {}

    /** What to do after a failure. */
    public enum Kind {
        /** Abort the transaction, rewind, wait and try the batch again (bounded). */
        RETRIABLE,
        /** The group rebalanced under the transaction: abort, rewind, carry on without waiting. */
        REBALANCE,
        /** Nothing will get better by retrying: abort if possible, close, exit non-zero. */
        FATAL
    }

    /** Classifies a failure, looking through its causes. */
    public static Kind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProducerFencedException
                    || t instanceof FencedInstanceIdException
                    || t instanceof OutOfOrderSequenceException
                    || t instanceof AuthorizationException
                    || t instanceof AuthenticationException
                    || t instanceof UnsupportedVersionException
                    || t instanceof InvalidConfigurationException) {
                return Kind.FATAL;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommitFailedException
                    || t instanceof RebalanceInProgressException
                    || t instanceof IllegalGenerationException
                    || t instanceof UnknownMemberIdException) {
                return Kind.REBALANCE;
            }
        }
        return Kind.RETRIABLE;
    }

    /** A short description for logs: class and message of the failure and its root cause, never record contents. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String s = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (root != error) {
            s += " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return s;
    }

    /** What to check when the brokers refuse the client's authentication or close its handshake. */
    public static final String CHECK_SECURITY =
            "check kafka.security.protocol and the ssl./sasl. settings (KAFKA_CLIENT_*)";

    /** What to check when the brokers refuse an operation to the worker's principal. */
    public static final String CHECK_ACLS =
            "grant the principal of the worker's Kafka settings the ACLs listed under \"Kafka ACLs\" in"
                    + " docs/OPERATIONS.md";

    /**
     * A hint when the client, set to TLS or SASL, connected to the brokers but no connection got through its
     * handshake: the brokers are there, the client's security settings do not match theirs (e.g. SSL against a
     * plaintext listener, which closes the connection). Null otherwise, and always for a plaintext client, which has
     * no handshake (the client counts no authentication for it, so the counts below cannot tell). Used by the start-up
     * broker wait of {@code run} and {@code bench} and the topic check of {@code publish} and {@code replay-rejected}.
     *
     * @param probe the admin client that waited for the brokers, before it is closed
     * @param securityProtocol its {@code security.protocol} setting (null: PLAINTEXT)
     */
    public static String handshakeHint(Admin probe, Object securityProtocol) {
        if (securityProtocol == null || String.valueOf(securityProtocol).trim().equalsIgnoreCase("PLAINTEXT")) {
            return null;
        }
        double connections = 0;
        double authenticated = 0;
        for (var e : probe.metrics().entrySet()) {
            String name = e.getKey().name();
            if (name.equals("connection-creation-total") || name.equals("successful-authentication-total")) {
                Object v = e.getValue().metricValue();
                double d = v instanceof Number n ? n.doubleValue() : 0;
                if (name.startsWith("connection")) {
                    connections += d;
                } else {
                    authenticated += d;
                }
            }
        }
        if (connections > 0 && authenticated == 0) {
            return "connections were made but closed during the TLS/SASL handshake: " + CHECK_SECURITY;
        }
        return null;
    }
}
