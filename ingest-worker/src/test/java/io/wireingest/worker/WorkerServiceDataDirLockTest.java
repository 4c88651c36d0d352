package io.wireingest.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.kafka.EmbeddedBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an embedded broker the service takes its data directory's lock before it binds the HTTP port: a second
 * {@code run} on the directory and port of a running one is refused for the directory (the cause), not for the port,
 * and a start that fails after taking the lock releases it. No broker is started here: the first run is a separate
 * JVM holding the lock and the port (EmbeddedRunIT has a real one), and the failed starts stop before a broker runs
 * or while formatting its storage.
 */
class WorkerServiceDataDirLockTest {
    @TempDir
    Path dir;

    /**
     * A separate JVM standing in for a running {@code run}: it locks the lock file the way a running broker does,
     * writes its pid, listens on a loopback port like the HTTP server, prints the port and waits.
     */
    private static final String HOLDER = """
            import java.net.*;
            import java.nio.channels.FileChannel;
            import java.nio.file.*;
            public class Holder {
                public static void main(String[] args) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                            ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                        c.lock();
                        c.write(java.nio.ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid()
                                + "\\nstarted=2026-01-01T00:00:00Z\\n").getBytes()), 0);
                        System.out.println("locked " + http.getLocalPort());
                        System.in.read();
                    }
                }
            }
            """;

    private WorkerConfig embedded(int httpPort) throws WorkerConfig.InvalidConfigException {
        return WorkerConfig.load(
                Map.of(
                        "INGEST_DATA_DIR", dir.resolve("data").toString(),
                        "INGEST_EMBEDDED_PORT", "0",
                        "INGEST_HTTP_HOST", "127.0.0.1",
                        "INGEST_HTTP_PORT", Integer.toString(httpPort),
                        "INGEST_THREADS", "1"),
                new Properties());
    }

    private Path kafkaDir() {
        return dir.resolve("data").resolve("kafka");
    }

    @Test
    void aSecondRunOnTheSameDataDirectoryAndHttpPortIsRefusedForTheDirectory() throws Exception {
        Path kafka = kafkaDir();
        Files.createDirectories(kafka);
        Path lockFile = kafka.resolve("wire-ingest.lock");
        Path source = dir.resolve("Holder.java");
        Files.writeString(source, HOLDER);
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(javaCommand, source.toString(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("locked ");
            int port = Integer.parseInt(line.substring("locked ".length()));
            byte[] lockBefore = Files.readAllBytes(lockFile);

            WorkerService second = new WorkerService(embedded(port));
            assertThatThrownBy(second::start)
                    .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                    .hasMessage("the embedded broker's data directory " + kafka.toAbsolutePath()
                            + " is in use by another wire-ingest process (pid " + holder.pid()
                            + "); stop it or set INGEST_DATA_DIR to another directory");
            assertThat(second.http()).isEmpty();

            // The first run is unharmed: still alive, still holding its lock (file as it was) and its port.
            assertThat(holder.isAlive()).isTrue();
            assertThat(Files.readAllBytes(lockFile)).isEqualTo(lockBefore);
            try (var listing = Files.list(kafka)) {
                assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("wire-ingest.lock");
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(s.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> EmbeddedBroker.lock(kafka))
                    .isInstanceOf(EmbeddedBroker.DataDirInUseException.class);
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStartThatFailsOnTheHttpPortAfterTakingTheLockReleasesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            WorkerService service = new WorkerService(embedded(taken.getLocalPort()));
            assertThatThrownBy(service::start)
                    .hasMessageStartingWith("the HTTP server cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + " (INGEST_HTTP_HOST," + " INGEST_HTTP_PORT)");
        }
        assertLockFree();
        // Nothing but the lock file was written: the broker was never started.
        try (var listing = Files.list(kafkaDir())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("wire-ingest.lock");
        }
    }

    @Test
    void aStartThatFailsInTheBrokerAfterTheLockWasHandedOverReleasesIt() throws Exception {
        Path kafka = kafkaDir();
        Files.createDirectories(kafka);
        // A file where the broker's log directory belongs: formatting the storage fails.
        Files.writeString(kafka.resolve("logs"), "not a directory\n");
        WorkerService service = new WorkerService(embedded(0));
        assertThatThrownBy(service::start).hasMessageStartingWith("formatting the embedded broker's storage failed");
        assertThat(service.http()).isEmpty();
        assertLockFree();
    }

    /** The data directory's lock is free in this JVM and for other processes: it can be taken, and released. */
    private void assertLockFree() throws Exception {
        try (EmbeddedBroker.DirLock lock = EmbeddedBroker.lock(kafkaDir())) {
            assertThat(Files.readString(kafkaDir().resolve("wire-ingest.lock")))
                    .startsWith("pid=" + ProcessHandle.current().pid() + "\n");
        }
    }
}
