package io.wireingest.worker.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM / SIGINT handling for the long-running commands: the first signal asks for a graceful stop (the command
 * then returns its own exit code, 0 after a clean stop, instead of the JVM's 143); a second one halts at once.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    // sun.misc.Signal (module jdk.unsupported) is the one JDK way to take SIGTERM without starting JVM shutdown,
    // which would force exit code 143; javac's "internal proprietary API" warning for it is expected.
    @SuppressWarnings("restriction")
    static void onTermination(Runnable stop) {
        AtomicInteger count = new AtomicInteger();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (count.incrementAndGet() == 1) {
                        LOG.info("SIG{} received: stopping gracefully (send again to halt)", signal.getName());
                        stop.run();
                    } else {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Signal not available here (e.g. INT under some launchers): fall back to a shutdown hook.
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown"));
            }
        }
    }
}
