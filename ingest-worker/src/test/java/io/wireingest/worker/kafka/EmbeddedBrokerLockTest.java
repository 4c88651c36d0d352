package io.wireingest.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded broker does not start on a data directory whose lock file another process holds: it fails before
 * writing anything there, naming the directory, the holder's pid and INGEST_DATA_DIR; a lock taken ahead with
 * {@link EmbeddedBroker#lock} keeps starts out the same way until it is released. (EmbeddedRunIT covers a second
 * broker in the same JVM next to a running one.)
 */
class EmbeddedBrokerLockTest {
    @TempDir
    Path dir;

    /** A separate JVM that locks the file the way a running broker does, writes its pid, says so and waits. */
    private static final String HOLDER = """
            import java.nio.channels.FileChannel;
            import java.nio.file.*;
            public class Holder {
                public static void main(String[] args) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        c.lock();
                        c.write(java.nio.ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid()
                                + "\\nstarted=2026-01-01T00:00:00Z\\n").getBytes()), 0);
                        System.out.println("locked");
                        System.in.read();
                    }
                }
            }
            """;

    @Test
    void aDirectoryLockedByAnotherProcessIsRefusedAndLeftAsItWas() throws Exception {
        Path kafka = dir.resolve("kafka");
        Files.createDirectories(kafka.resolve("logs"));
        Files.writeString(kafka.resolve("server.properties"), "listeners=PLAINTEXT://127.0.0.1:19492\n");
        Files.writeString(kafka.resolve("bootstrap.servers"), "127.0.0.1:19492\n");
        Path source = dir.resolve("Holder.java");
        Files.writeString(source, HOLDER);
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(
                        javaCommand,
                        source.toString(),
                        kafka.resolve(EmbeddedBroker.LOCK_FILE).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            List<Path> files = List.of(
                    kafka.resolve("server.properties"),
                    kafka.resolve("bootstrap.servers"),
                    kafka.resolve(EmbeddedBroker.LOCK_FILE));
            List<byte[]> before =
                    files.stream().map(EmbeddedBrokerLockTest::bytes).toList();

            assertThatThrownBy(() -> EmbeddedBroker.start(kafka, 0))
                    .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                    .hasMessage("the embedded broker's data directory " + kafka.toAbsolutePath()
                            + " is in use by another wire-ingest process (pid " + holder.pid()
                            + "); stop it or set INGEST_DATA_DIR to another directory")
                    .satisfies(e -> assertThat(((EmbeddedBroker.DataDirInUseException) e).holderPid())
                            .contains(holder.pid()));

            assertThat(files.stream().map(EmbeddedBrokerLockTest::bytes).toList())
                    .usingElementComparator(java.util.Arrays::compare)
                    .isEqualTo(before);
            try (var listing = Files.list(kafka)) {
                assertThat(listing.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(
                                "server.properties", "bootstrap.servers", "logs", EmbeddedBroker.LOCK_FILE);
            }
            assertThat(kafka.resolve("logs")).isEmptyDirectory();
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLockHeldElsewhereInThisJvmIsTheSameClearError() throws Exception {
        Path kafka = dir.resolve("kafka");
        Files.createDirectories(kafka);
        try (FileChannel c = FileChannel.open(
                        kafka.resolve(EmbeddedBroker.LOCK_FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                var held = c.lock()) {
            assertThatThrownBy(() -> EmbeddedBroker.start(kafka, 0))
                    .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                    .hasMessage("the embedded broker's data directory " + kafka.toAbsolutePath()
                            + " is in use by another embedded broker in this process (pid "
                            + ProcessHandle.current().pid() + "); stop it or set INGEST_DATA_DIR to another directory");
        }
        assertThat(kafka.resolve("server.properties")).doesNotExist();
    }

    @Test
    void aLockTakenAheadKeepsOtherStartsOutUntilItIsReleasedAndReleasesOnlyOnce() throws Exception {
        Path kafka = dir.resolve("kafka");
        String inUse = "the embedded broker's data directory " + kafka.toAbsolutePath()
                + " is in use by another embedded broker in this process (pid "
                + ProcessHandle.current().pid()
                + "); stop it or set INGEST_DATA_DIR to another directory";
        EmbeddedBroker.DirLock first = EmbeddedBroker.lock(kafka);
        assertThat(first.dir()).isEqualTo(kafka);
        assertThat(Files.readString(kafka.resolve(EmbeddedBroker.LOCK_FILE)))
                .startsWith("pid=" + ProcessHandle.current().pid() + "\nstarted=");
        assertThatThrownBy(() -> EmbeddedBroker.lock(kafka))
                .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                .hasMessage(inUse);
        assertThatThrownBy(() -> EmbeddedBroker.start(kafka, 0))
                .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                .hasMessage(inUse);
        first.close();
        try (EmbeddedBroker.DirLock second = EmbeddedBroker.lock(kafka)) {
            // Closing the first handle again must not release the second one's lock.
            first.close();
            assertThatThrownBy(() -> EmbeddedBroker.lock(kafka))
                    .isInstanceOf(EmbeddedBroker.DataDirInUseException.class)
                    .hasMessage(inUse);
            assertThatThrownBy(() -> EmbeddedBroker.start(first, 0, 1048576))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("was released");
            assertThat(second.dir()).isEqualTo(kafka);
        }
        EmbeddedBroker.lock(kafka).close();
        assertThat(kafka.resolve("server.properties")).doesNotExist();
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
