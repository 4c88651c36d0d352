package io.wireingest.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} whose broker dies in mid-run (QA: it hung for good, flooding the terminal with Kafka client
 * warnings). The shared test broker must stay up, so this test starts a broker of its own and stops it while
 * {@code publish} reads JSON Lines from a pipe: the first items are acknowledged, the broker goes, the rest are sent
 * into the void. Publish must give up after its {@code --timeout} with one line, count the unconfirmed items as
 * failed, exit 1, and keep the client's reconnect warnings off stderr.
 */
class PublishBrokerStallIT {
    private static final String TOPIC = "stall.raw";

    @TempDir
    Path temp;

    private static String envelope(int i) {
        return "{\"id\":\"stall-" + i + "\",\"feed\":\"yonhap-en\",\"contentType\":\"text/plain\","
                + "\"receivedAt\":\"2026-03-12T03:00:00Z\",\"body\":\"Story " + i + ".\"}\n";
    }

    @Test
    void publishGivesUpWithOneLineWhenTheBrokerStopsAnsweringInMidRun() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        boolean closed = false;
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String servers = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            Path config = Files.writeString(
                    temp.resolve("worker.properties"),
                    "kafka.bootstrap.servers=" + servers + "\ningest.raw.topic=" + TOPIC + "\n");

            PipedOutputStream pipe = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(pipe, 65536);
            Future<CliRun> publish = executor.submit(
                    () -> CliRun.run(stdin, "publish", "--config", config.toString(), "--timeout", "3", "-"));
            for (int i = 1; i <= 3; i++) {
                pipe.write(envelope(i).getBytes(StandardCharsets.UTF_8));
            }
            pipe.flush();
            awaitRecords(servers, 3);
            // the broker dies; publish has its metadata and goes on sending
            cluster.close();
            closed = true;
            for (int i = 4; i <= 7; i++) {
                pipe.write(envelope(i).getBytes(StandardCharsets.UTF_8));
            }
            pipe.close();

            CliRun r;
            try {
                // generous: the point is that it ends at all (before the fix: never, for a large input)
                r = publish.get(3, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                publish.cancel(true);
                fail("publish still waiting 3 minutes after its broker stopped");
                return;
            }
            assertThat(r.exit()).as(r.errText()).isEqualTo(1);
            String last = r.err().get(r.err().size() - 1);
            Matcher stall = Pattern.compile("publish: failed: the Kafka brokers at " + Pattern.quote(servers)
                            + " stopped acknowledging \\(no acknowledgement for 3 s, --timeout\\); (\\d+) items sent, (\\d+)"
                            + " not confirmed(; stdin not read to its end)?")
                    .matcher(last);
            assertThat(stall.matches()).as(r.errText()).isTrue();
            long sent = Long.parseLong(stall.group(1));
            long notConfirmed = Long.parseLong(stall.group(2));
            // Depending on what the client last heard, the first send after the broker went either queues (publish
            // reads all 7 and waits for answers) or waits max.block.ms for metadata and fails, and publish stops
            // reading there. Either way every item read is counted once: sent, or not confirmed (failed).
            long read = sent + notConfirmed;
            assertThat(read).isBetween(4L, 7L);
            assertThat(notConfirmed).isGreaterThanOrEqualTo(1);
            assertThat(stall.group(3) == null).as("stdin read to its end").isEqualTo(read == 7);
            assertThat(r.errText())
                    .contains("published " + sent + " of " + read + " items")
                    .contains("not sent: " + notConfirmed + " failed, 0 invalid, 0 too large, 0 unreadable");
            assertThat(r.err())
                    .as("no Kafka client reconnect/retry warnings on the terminal")
                    .noneMatch(line -> line.contains("NetworkClient") || line.contains(" WARN "));
        } finally {
            executor.shutdownNow();
            if (!closed) {
                cluster.close();
            }
        }
    }

    private static void awaitRecords(String servers, int count) {
        Map<String, Object> props = Map.of(
                "bootstrap.servers",
                servers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp) < count) {
                if (System.nanoTime() > deadline) {
                    fail("the first " + count + " items did not reach the broker");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }
}
