package io.wireingest.worker.cli;

import io.wireingest.core.pipeline.IngestPipeline;
import io.wireingest.worker.Main;
import io.wireingest.worker.config.WorkerConfig;
import io.wireingest.worker.http.HttpApi;
import io.wireingest.worker.kafka.ArticleReader;
import io.wireingest.worker.kafka.BrokerErrors;
import io.wireingest.worker.kafka.DeadLetters;
import io.wireingest.worker.kafka.EmbeddedBroker;
import io.wireingest.worker.kafka.KafkaClients;
import io.wireingest.worker.kafka.NormalizeRecord;
import io.wireingest.worker.kafka.Samples;
import io.wireingest.worker.kafka.Topics;
import io.wireingest.worker.kafka.Worker;
import io.wireingest.worker.metrics.WorkerMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: the service. Joins the consumer group, normalizes {@code wire.raw} into {@code wire.articles} with
 * exactly-once transactions, sends rejections to {@code wire.rejected}, serves HTTP. Without
 * {@code KAFKA_BOOTSTRAP_SERVERS} it first starts an embedded single-node broker. SIGTERM: stop polling, finish the
 * open transactions, close, exit 0; a fatal broker error: abort, close, exit 1.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Kafka worker: wire.raw → pipeline → wire.articles / wire.rejected, exactly once.",
            "Configuration comes from environment variables and --config FILE (see docs/OPERATIONS.md).",
            "Without KAFKA_BOOTSTRAP_SERVERS an embedded broker is started (data under ./data/kafka).",
            "Exit codes: 0 stopped by SIGTERM/SIGINT, 1 fatal broker error, 2 invalid configuration."
        })
public final class RunCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption configOption;

    @Override
    public Integer call() throws Exception {
        Optional<WorkerConfig> loaded = configOption.load("run", System.err);
        if (loaded.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        WorkerConfig config = loaded.get();
        LOG.info("configuration: {}", String.join(", ", config.describe()));
        CountDownLatch stopRequested = new CountDownLatch(1);
        Signals.onTermination(stopRequested::countDown);
        List<AutoCloseable> resources = new ArrayList<>();
        Worker worker = null;
        int exit = 0;
        try {
            EmbeddedBroker broker = null;
            String bootstrap = config.bootstrapServers().orElse(null);
            if (bootstrap == null) {
                Path dir = config.dataDir().resolve("kafka");
                LOG.info(
                        "KAFKA_BOOTSTRAP_SERVERS is not set: starting an embedded broker (data in {})",
                        dir.toAbsolutePath());
                broker = EmbeddedBroker.start(dir, config.embeddedPort());
                resources.add(broker);
                bootstrap = broker.bootstrapServers();
            }
            KafkaClients clients = new KafkaClients(config, bootstrap);
            Admin admin = Admin.create(clients.admin("wire-ingest-admin"));
            resources.add(0, admin);
            if (config.createTopics()) {
                Topics.ensure(
                        admin,
                        config.rawTopic(),
                        config.articlesTopic(),
                        config.rejectedTopic(),
                        config.partitions(),
                        config.replicationFactor());
            }
            KafkaProducer<byte[], byte[]> itemProducer = new KafkaProducer<>(clients.producer("wire-ingest-http"));
            resources.add(0, itemProducer);
            if (broker != null && config.publishSamples()) {
                Path marker = broker.dir().resolve("samples-published");
                if (!Files.exists(marker)) {
                    int n = Samples.publish(itemProducer, config.rawTopic());
                    Files.writeString(marker, java.time.Instant.now() + "\n");
                    LOG.info("published {} bundled sample items to {} (first start only)", n, config.rawTopic());
                }
            }
            WorkerMetrics metrics = WorkerMetrics.prometheus();
            resources.add(0, metrics);
            IngestPipeline pipeline = IngestPipeline.create(config.limits());
            DeadLetters deadLetters = new DeadLetters(config.rejectedTopic(), config.maxRecordBytes());
            worker = new Worker(
                    config,
                    clients,
                    config.rawTopic(),
                    () -> new NormalizeRecord(
                            pipeline, config.articlesTopic(), deadLetters, config.maxRecordBytes(), metrics),
                    metrics);
            Worker w = worker;
            BrokerProbe probe = new BrokerProbe(admin);
            HttpApi http = null;
            if (config.httpPort() >= 0) {
                ArticleReader reader = new ArticleReader(clients, config.articlesTopic());
                resources.add(0, reader);
                http = new HttpApi(
                        new HttpApi.Settings(
                                config.httpHost(),
                                config.httpPort(),
                                config.httpToken(),
                                config.maxItemBytes(),
                                config.articlesLimit(),
                                config.rawTopic()),
                        metrics,
                        () -> w.ready() && probe.answers(),
                        itemProducer,
                        reader);
                resources.add(0, http);
                http.start();
            }
            worker.start();
            if (http != null) {
                String url = http.baseUrl();
                LOG.info(
                        "wire-ingest running. Kafka: {}. HTTP: {}/health/live {}/health/ready {}/metrics "
                                + "POST {}/items GET {}/articles",
                        bootstrap,
                        url,
                        url,
                        url,
                        url,
                        url);
            } else {
                LOG.info("wire-ingest running. Kafka: {}. HTTP off", bootstrap);
            }
            while (!stopRequested.await(500, TimeUnit.MILLISECONDS)) {
                if (worker.awaitTermination(Duration.ZERO)) {
                    break;
                }
            }
            if (stopRequested.getCount() == 0) {
                LOG.info("termination requested: finishing open transactions");
            }
            if (!worker.stopAndWait(config.shutdownTimeout())) {
                LOG.error("worker threads did not stop within {}", config.shutdownTimeout());
                exit = Worker.EXIT_FATAL;
            }
            if (worker.fatal().isPresent()) {
                LOG.error(
                        "stopping after a fatal error: {}",
                        BrokerErrors.describe(worker.fatal().get()));
                exit = Worker.EXIT_FATAL;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = Worker.EXIT_FATAL;
        } catch (Exception e) {
            LOG.error("start-up failed: {}", BrokerErrors.describe(e));
            exit = Worker.EXIT_FATAL;
            if (worker != null) {
                worker.stopAndWait(config.shutdownTimeout());
            }
        } finally {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.toString());
                }
            }
        }
        LOG.info("wire-ingest stopped (exit {})", exit);
        return exit;
    }

    /** Whether the broker answers, asked at most every few seconds. */
    static final class BrokerProbe {
        private final Admin admin;
        private volatile long checkedAt;
        private volatile boolean answered;

        BrokerProbe(Admin admin) {
            this.admin = admin;
        }

        boolean answers() {
            long now = System.nanoTime();
            if (now - checkedAt > TimeUnit.SECONDS.toNanos(3)) {
                try {
                    admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
                    answered = true;
                } catch (Exception e) {
                    answered = false;
                }
                checkedAt = now;
            }
            return answered;
        }
    }
}
