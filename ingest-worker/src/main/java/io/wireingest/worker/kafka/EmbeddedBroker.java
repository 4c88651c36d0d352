package io.wireingest.worker.kafka;

import io.wireingest.worker.config.WorkerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker inside the JVM, started the way {@code kafka.Kafka} starts one: generate
 * {@code server.properties}, format the storage once ({@code kafka-storage format}), then run a
 * {@link KafkaRaftServer}. Data live under the given directory and survive restarts; both listeners bind to loopback
 * only. The broker takes the preferred port when it is free and any free port otherwise; the address in use is
 * written to {@code <dir>/bootstrap.servers} so that {@code publish} and friends find it.
 *
 * <p>One broker per directory: before it touches anything there, a start takes an exclusive lock on
 * {@code <dir>/wire-ingest.lock} (which records the holder's pid and start time), held until {@link #close} has shut
 * the broker down. A start on a directory that another process, or another broker in this JVM, holds fails at once
 * with {@link DataDirInUseException} and changes nothing in it. The lock dies with its process, so a file left by a
 * killed run never blocks the next start.
 *
 * <p>A caller that must know the directory is free before doing anything else (the {@code run} service, before it
 * binds its HTTP port) takes the lock first with {@link #lock} and hands it to {@link #start(DirLock, int, int)}.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** The lock file in the data directory. */
    static final String LOCK_FILE = "wire-ingest.lock";

    private static final String BOOTSTRAP_FILE = "bootstrap.servers";

    /**
     * The lock files held by this JVM. Checked before a lock file is opened at all: on POSIX systems closing any
     * channel on a file releases every lock this process holds on it, so a second start in the same JVM must neither
     * open nor read the file of the first.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final boolean formatted;
    private final DirLock lock;
    private boolean wroteBootstrap;
    private boolean closed;

    private EmbeddedBroker(Path dir, KafkaRaftServer server, String bootstrapServers, boolean formatted, DirLock lock) {
        this.dir = dir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.formatted = formatted;
        this.lock = lock;
    }

    /**
     * The data directory is in use by another embedded broker: another wire-ingest process, or another broker in
     * this JVM. Nothing in the directory was changed.
     */
    public static final class DataDirInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Path dir;
        private final transient Optional<Long> holderPid;

        DataDirInUseException(Path dir, Optional<Long> holderPid, boolean sameProcess) {
            super("the embedded broker's data directory " + dir + " is in use by "
                    + (sameProcess ? "another embedded broker in this process" : "another wire-ingest process")
                    + holderPid.map(pid -> " (pid " + pid + ")").orElse("")
                    + "; stop it or set " + WorkerConfig.DATA_DIR.env() + " to another directory");
            this.dir = dir;
            this.holderPid = holderPid;
        }

        /** The directory in use (absolute). */
        public Path dir() {
            return dir;
        }

        /** The pid of the process holding it, when known. */
        public Optional<Long> holderPid() {
            return holderPid;
        }
    }

    /**
     * Takes the exclusive lock on the data directory {@code dir} (created if needed) without starting anything, so
     * that a caller can make sure the directory is free before it acquires other resources. The lock is then handed
     * to {@link #start(DirLock, int, int)}, or released with {@link DirLock#close()} when the caller gives up first.
     *
     * @throws DataDirInUseException when another process, or another broker or lock in this JVM, holds the directory
     *     (nothing in it is changed)
     */
    public static DirLock lock(Path dir) throws IOException {
        Files.createDirectories(dir);
        return DirLock.acquire(dir);
    }

    /**
     * Starts a broker with its data under {@code dir} (created if needed) and waits until it answers.
     *
     * @param preferredPort the client port to use when free (0: any free port)
     */
    public static EmbeddedBroker start(Path dir, int preferredPort) throws IOException, InterruptedException {
        return start(dir, preferredPort, WorkerConfig.defaults().kafkaMessageBytes());
    }

    /**
     * Starts a broker with its data under {@code dir} (created if needed) and waits until it answers: {@link #lock},
     * then {@link #start(DirLock, int, int)}.
     *
     * @param preferredPort the client port to use when free (0: any free port)
     * @param maxMessageBytes the broker's {@code message.max.bytes}: the largest record batch it takes (see
     *     {@link WorkerConfig#kafkaMessageBytes()})
     */
    public static EmbeddedBroker start(Path dir, int preferredPort, int maxMessageBytes)
            throws IOException, InterruptedException {
        return start(lock(dir), preferredPort, maxMessageBytes);
    }

    /**
     * Starts a broker in the directory of {@code lock}, a lock taken by {@link #lock} and not yet released, and waits
     * until it answers. The lock belongs to the broker from this call on, whatever its outcome: the broker releases
     * it on {@link #close}, and a start that fails releases it before it throws. Closing the handle afterwards does
     * nothing.
     *
     * @param preferredPort the client port to use when free (0: any free port)
     * @param maxMessageBytes the broker's {@code message.max.bytes}: the largest record batch it takes (see
     *     {@link WorkerConfig#kafkaMessageBytes()})
     * @throws IllegalStateException when the lock was released or already handed to a broker
     */
    public static EmbeddedBroker start(DirLock lock, int preferredPort, int maxMessageBytes)
            throws IOException, InterruptedException {
        lock.handOver();
        try {
            return start(lock.dir(), preferredPort, maxMessageBytes, lock);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lock.release();
            throw e;
        }
    }

    /** The start proper, under the directory's lock (owned by the broker); on failure the caller releases it. */
    private static EmbeddedBroker start(Path dir, int preferredPort, int maxMessageBytes, DirLock lock)
            throws IOException, InterruptedException {
        Path logDir = dir.resolve("logs").toAbsolutePath();
        int brokerPort = preferredPort > 0 && isFree(preferredPort) ? preferredPort : freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        Properties props = serverProperties(logDir, brokerPort, controllerPort, maxMessageBytes);
        Path propsFile = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "generated by wire-ingest at each start of the embedded broker");
        }
        boolean fresh = !Files.exists(logDir.resolve("meta.properties"));
        if (fresh) {
            format(propsFile);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = "127.0.0.1:" + brokerPort;
        EmbeddedBroker broker = new EmbeddedBroker(dir, server, bootstrap, fresh, lock);
        try {
            server.startup();
            broker.awaitReady(Duration.ofSeconds(60));
            Files.writeString(dir.resolve(BOOTSTRAP_FILE), bootstrap + "\n", StandardCharsets.UTF_8);
            broker.wroteBootstrap = true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The caller releases the lock; a file this start did not write stays as it is.
            broker.shutdownServer();
            throw e;
        }
        LOG.info(
                "embedded Kafka broker ready at {} (data in {}{})",
                bootstrap,
                dir.toAbsolutePath(),
                fresh ? ", newly formatted" : "");
        if (preferredPort > 0 && brokerPort != preferredPort) {
            LOG.info("port {} was taken; the embedded broker uses {}", preferredPort, brokerPort);
        }
        return broker;
    }

    /** The bootstrap address of a running embedded broker using {@code dir}, when one has written it. */
    public static java.util.Optional<String> runningAt(Path dir) {
        Path file = dir.resolve(BOOTSTRAP_FILE);
        try {
            return Files.exists(file)
                    ? java.util.Optional.of(Files.readString(file).trim())
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static Properties serverProperties(Path logDir, int brokerPort, int controllerPort, int maxMessageBytes) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                // A static one-voter quorum: the controller port may change between restarts.
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.retention.hours", "168"),
                Map.entry("message.max.bytes", Integer.toString(maxMessageBytes)),
                Map.entry("replica.fetch.max.bytes", Integer.toString(Math.max(1048576, maxMessageBytes))),
                // A produce request carrying the largest batch must pass the socket limit (Kafka's default 100 MiB).
                Map.entry(
                        "socket.request.max.bytes",
                        Long.toString(Math.max(104857600L, Math.min(Integer.MAX_VALUE, maxMessageBytes + 1048576L)))),
                Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024))));
        return p;
    }

    private static void format(Path propsFile) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "--ignore-formatted", "-t", clusterId, "-c", propsFile.toString()}, out);
        } catch (RuntimeException e) {
            throw new IOException("formatting the embedded broker's storage failed: " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IOException("formatting the embedded broker's storage failed (" + rc + "): "
                    + buffer.toString(StandardCharsets.UTF_8).trim());
        }
        LOG.info("formatted embedded broker storage, cluster id {}", clusterId);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "embedded-broker-probe");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the embedded broker did not become ready in " + timeout, e);
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether this start formatted new storage (first start). */
    public boolean fresh() {
        return formatted;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Deletes the address file this broker wrote (first, so that client commands stop finding a broker that is going
     * away), shuts the broker down and then releases the data directory's lock. Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (wroteBootstrap) {
                Files.deleteIfExists(dir.resolve(BOOTSTRAP_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                shutdownServer();
                LOG.info("embedded Kafka broker stopped");
            } finally {
                lock.release();
            }
        }
    }

    private void shutdownServer() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * The exclusive lock on {@code <dir>/wire-ingest.lock}, taken by {@link EmbeddedBroker#lock}. Taking it creates
     * the file when missing and, once held, rewrites it with this process's pid and start time; a start that does not
     * get it leaves the file as it was.
     *
     * <p>Whoever holds the handle owns the lock until it is handed to {@link EmbeddedBroker#start(DirLock, int, int)};
     * from then on the broker owns it, and {@link #close} does nothing. Releasing is done once: a second release
     * never touches a lock that another start in this JVM has taken on the same file since.
     */
    public static final class DirLock implements AutoCloseable {
        private enum State {
            HELD,
            HANDED_OVER,
            RELEASED
        }

        private final Path dir;
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private State state = State.HELD;

        private DirLock(Path dir, Path file, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        /** The data directory, as given to {@link EmbeddedBroker#lock}. */
        public Path dir() {
            return dir;
        }

        /**
         * Releases the lock unless it was handed to a broker (which releases it on its own close) or released
         * already; then it does nothing.
         */
        @Override
        public synchronized void close() {
            if (state == State.HELD) {
                release();
            }
        }

        /** Gives the lock to a starting broker; the caller's {@link #close} does nothing from now on. */
        synchronized void handOver() {
            if (state != State.HELD) {
                throw new IllegalStateException("the lock on " + file + " was "
                        + (state == State.RELEASED ? "released" : "already handed to a broker"));
            }
            state = State.HANDED_OVER;
        }

        static DirLock acquire(Path dir) throws IOException {
            Path absDir = dir.toAbsolutePath().normalize();
            Path file = absDir.toRealPath().resolve(LOCK_FILE);
            long self = ProcessHandle.current().pid();
            if (!HELD.add(file)) {
                throw new DataDirInUseException(absDir, Optional.of(self), true);
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Locked through another channel of this JVM (not by an embedded broker, which HELD tracks).
                    throw new DataDirInUseException(absDir, Optional.of(self), true);
                }
                if (lock == null) {
                    throw new DataDirInUseException(absDir, holderPid(channel), false);
                }
                String owner = "pid=" + self + "\nstarted=" + Instant.now() + "\n";
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
                return new DirLock(dir, file, channel, lock);
            } catch (IOException | RuntimeException | Error e) {
                HELD.remove(file);
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        /** The pid recorded by the holder of the lock, read through the channel already open (no other one). */
        private static Optional<Long> holderPid(FileChannel channel) {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(256);
                int n = channel.read(buffer, 0);
                if (n <= 0) {
                    return Optional.empty();
                }
                String text = new String(buffer.array(), 0, n, StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    if (line.startsWith("pid=")) {
                        return Optional.of(Long.parseLong(line.substring(4).trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // e.g. Windows, where a locked region cannot be read by another process: pid unknown
            }
            return Optional.empty();
        }

        /** Releases the lock, whoever owns it; a second call does nothing. */
        synchronized void release() {
            if (state == State.RELEASED) {
                return;
            }
            state = State.RELEASED;
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                LOG.warn("releasing the lock {} failed: {}", file, e.toString());
            } finally {
                HELD.remove(file);
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
