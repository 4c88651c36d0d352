package io.wireingest.worker.kafka;

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
}
