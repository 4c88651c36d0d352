package io.wireingest.worker.config;

import io.wireingest.core.pipeline.Limits;
import io.wireingest.worker.config.ConfigKey.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.JaasContext;

/**
 * The worker's whole configuration. Every key is declared once in {@link #KEYS} with its environment variable,
 * properties key, default and doc (the operator guide's table is this list). Values come from, lowest precedence
 * first: the defaults, the properties file ({@code --config FILE}), the environment. {@link #load} validates
 * everything and reports all problems at once.
 *
 * <p>Kafka client settings (TLS, SASL, timeouts) pass through unchanged: any {@code kafka.}-prefixed key of the
 * properties file, and any {@code KAFKA_CLIENT_}-prefixed environment variable ({@code KAFKA_CLIENT_SASL_MECHANISM}
 * → {@code sasl.mechanism}), is given to every Kafka client with the prefix removed.
 */
public final class WorkerConfig {
    public static final ConfigKey BOOTSTRAP_SERVERS = ConfigKey.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "",
            Type.STRING,
            "Kafka bootstrap servers (host:port,...). Unset: `run` starts an embedded single-node broker.");
    public static final ConfigKey RAW_TOPIC =
            ConfigKey.of("INGEST_RAW_TOPIC", "wire.raw", Type.TOPIC, "Topic the raw items are read from.");
    public static final ConfigKey ARTICLES_TOPIC = ConfigKey.of(
            "INGEST_ARTICLES_TOPIC", "wire.articles", Type.TOPIC, "Topic normalized articles go to (key = uri).");
    public static final ConfigKey REJECTED_TOPIC =
            ConfigKey.of("INGEST_REJECTED_TOPIC", "wire.rejected", Type.TOPIC, "Dead-letter topic for rejected items.");
    public static final ConfigKey GROUP_ID =
            ConfigKey.of("INGEST_GROUP_ID", "wire-ingest", Type.STRING, "Consumer group of the workers.");
    public static final ConfigKey THREADS = ConfigKey.of(
            "INGEST_THREADS",
            "",
            Type.INT,
            "Consumer threads per JVM, each with its own transactional producer (default: available cores).");
    public static final ConfigKey TRANSFORM_THREADS = ConfigKey.of(
            "INGEST_TRANSFORM_THREADS",
            "",
            Type.INT,
            "Threads that run the pipeline on the records of a batch in parallel, shared by the consumer threads;"
                    + " 0 runs it on the consumer threads themselves (default: available cores).");
    public static final ConfigKey INSTANCE_ID = ConfigKey.of(
            "INGEST_INSTANCE_ID",
            "",
            Type.STRING,
            "Stable name of this worker instance, part of its transactional ids and its consumers' static group "
                    + "membership ids (default: the host name). Two workers running at once must have different ids.");
    public static final ConfigKey TRANSACTIONAL_ID_PREFIX = ConfigKey.of(
            "INGEST_TRANSACTIONAL_ID_PREFIX",
            "",
            Type.STRING,
            "Prefix of the transactional ids <prefix>-<instance>-<thread> (default: the group id).");
    public static final ConfigKey CREATE_TOPICS =
            ConfigKey.of("INGEST_CREATE_TOPICS", "true", Type.BOOLEAN, "Create missing topics at start-up.");
    public static final ConfigKey PARTITIONS = ConfigKey.of(
            "INGEST_PARTITIONS", "3", Type.INT, "Partitions of topics the worker creates (parallelism limit).");
    public static final ConfigKey REPLICATION_FACTOR = ConfigKey.of(
            "INGEST_REPLICATION_FACTOR",
            "-1",
            Type.INT,
            "Replication factor of topics the worker creates (-1: the broker's default).");
    public static final ConfigKey MAX_ITEM_BYTES = ConfigKey.of(
            "INGEST_MAX_ITEM_BYTES",
            "1048576",
            Type.LONG,
            "Largest raw item accepted (bytes, at most 1073741824); larger ones are rejected (stage limits) or "
                    + "refused with 413. An item at the limit can always be sent to the raw topic, dead-lettered with "
                    + "its body and replayed; its article fits the default record limit unless the item is "
                    + "pathological (see Record sizes).");
    public static final ConfigKey MAX_RECORD_BYTES = ConfigKey.of(
            "INGEST_MAX_RECORD_BYTES",
            "",
            Type.INT,
            "Largest output record (article, dead letter) the worker sends; a bigger article is rejected (stage "
                    + "publish, reason too-large) instead of failing the transaction. Default: room for the article "
                    + "of an item at the item limit, which carries the text twice (HTML and plain-text bodies) plus "
                    + "markup, escaping and metadata (4 × INGEST_MAX_ITEM_BYTES + 65536; 4259840 for the default "
                    + "item limit). Minimum: room for an item at the item limit sent as a base64 envelope, with its "
                    + "headers and a dead letter's headers (4 × ⌈INGEST_MAX_ITEM_BYTES / 3⌉ + 65536). The Kafka "
                    + "sizes follow it: producers' max.request.size, topics' max.message.bytes and the embedded "
                    + "broker's message.max.bytes are this plus 16384.");
    public static final ConfigKey MAX_DEPTH = ConfigKey.of(
            "INGEST_MAX_DEPTH",
            "256",
            Type.INT,
            "Deepest nesting per item: deeper HTML is flattened, deeper XML and JSON are rejected (`too-deep`).");
    public static final ConfigKey MAX_TIME_MS = ConfigKey.of(
            "INGEST_MAX_TIME_MS",
            "5000",
            Type.LONG,
            "Processing time budget per item (ms): the item is refused (timeout) once the wall clock and its "
                    + "thread's CPU time have both passed it, so pauses (GC, a stopped process) do not count. Less "
                    + "than the longest a batch's transaction may stay open (half the smaller of "
                    + "kafka.transaction.timeout.ms and kafka.max.poll.interval.ms: 30000 by default), checked at "
                    + "start-up.");
    public static final ConfigKey MAX_ARTICLES = ConfigKey.of(
            "INGEST_MAX_ARTICLES", "1000", Type.INT, "Most articles one input (feed, newsMessage) may produce.");
    public static final ConfigKey MAX_POLL_RECORDS = ConfigKey.of(
            "INGEST_MAX_POLL_RECORDS",
            "200",
            Type.INT,
            "Most records per poll, i.e. per transaction (one transaction per poll batch per thread); a batch whose "
                    + "transaction has stayed open for half the smaller of kafka.transaction.timeout.ms and "
                    + "kafka.max.poll.interval.ms (30 s by default) commits what it has published and reads the rest "
                    + "again.");
    public static final ConfigKey POLL_TIMEOUT_MS =
            ConfigKey.of("INGEST_POLL_TIMEOUT_MS", "500", Type.LONG, "How long one poll waits for records (ms).");
    public static final ConfigKey RETRY_BACKOFF_MS = ConfigKey.of(
            "INGEST_RETRY_BACKOFF_MS",
            "500",
            Type.LONG,
            "First wait after a failed transaction (ms); doubles on each consecutive failure.");
    public static final ConfigKey RETRY_BACKOFF_MAX_MS =
            ConfigKey.of("INGEST_RETRY_BACKOFF_MAX_MS", "30000", Type.LONG, "Longest wait between retries (ms).");
    public static final ConfigKey MAX_RETRIES = ConfigKey.of(
            "INGEST_MAX_RETRIES",
            "10",
            Type.INT,
            "Retries in a row one consumer thread makes after failures (failed transactions, and aborts the"
                    + " brokers did not confirm within the producer's max.block.ms); the failure after the last one"
                    + " makes the worker give up and exit non-zero.");
    public static final ConfigKey SHUTDOWN_TIMEOUT_MS = ConfigKey.of(
            "INGEST_SHUTDOWN_TIMEOUT_MS",
            "30000",
            Type.LONG,
            "How long a stop (SIGTERM) waits for the threads to finish their open transactions (ms); past it the "
                    + "worker exits 1 and the broker aborts what is left.");
    public static final ConfigKey BROKER_WAIT_MS = ConfigKey.of(
            "INGEST_BROKER_WAIT_MS",
            "30000",
            Type.LONG,
            "How long start-up waits for the Kafka brokers to answer (ms) before it exits 1; /health/live answers "
                    + "meanwhile.");
    public static final ConfigKey HTTP_HOST = ConfigKey.of(
            "INGEST_HTTP_HOST",
            "0.0.0.0",
            Type.STRING,
            "Address the HTTP server binds to: an address (or name) of this machine, checked at start-up "
                    + "when HTTP is on.");
    public static final ConfigKey HTTP_PORT =
            ConfigKey.of("INGEST_HTTP_PORT", "8080", Type.PORT, "HTTP port (0: any free port; -1: no HTTP server).");
    public static final ConfigKey HTTP_TOKEN = ConfigKey.secret(
            "INGEST_HTTP_TOKEN",
            "Bearer token for POST /items and GET /articles (at least 16 characters, not an example's placeholder). "
                    + "Unset: those answer loopback clients only.");
    public static final ConfigKey HTTP_SEND_TIMEOUT_MS = ConfigKey.of(
            "INGEST_HTTP_SEND_TIMEOUT_MS",
            "15000",
            Type.LONG,
            "How long POST /items waits for the broker to take and confirm an item (ms) before it answers 503; "
                    + "caps the ingest producer's max.block.ms.");
    public static final ConfigKey HTTP_READ_TIMEOUT_MS = ConfigKey.of(
            "INGEST_HTTP_READ_TIMEOUT_MS",
            "20000",
            Type.LONG,
            "How long a client may take to send a whole HTTP request, headers and body (ms, whole seconds, rounded "
                    + "up; at least 1000); a slower or stalled connection is closed, so it cannot hold a server "
                    + "thread. An answer the client does not take within this (plus the send timeout) is cut off "
                    + "too.");
    public static final ConfigKey HTTP_POST_CONCURRENCY = ConfigKey.of(
            "INGEST_HTTP_POST_CONCURRENCY",
            "16",
            Type.INT,
            "How many POST /items are handled at once (1 to 1024); more get 503 busy with Retry-After at once.");
    public static final ConfigKey MANAGEMENT_PORT = ConfigKey.of(
            "INGEST_MANAGEMENT_PORT",
            "",
            Type.PORT,
            "Port of a separate HTTP server for /health/live, /health/ready and /metrics only, on its own threads, "
                    + "so that slow clients on INGEST_HTTP_PORT cannot delay the probes (0: any free port; unset or "
                    + "-1: none, they are served on INGEST_HTTP_PORT only). Not INGEST_HTTP_PORT; needs the HTTP "
                    + "server on.");
    public static final ConfigKey ARTICLES_LIMIT =
            ConfigKey.of("INGEST_ARTICLES_LIMIT", "100", Type.INT, "Most articles GET /articles returns.");
    public static final ConfigKey DATA_DIR = ConfigKey.of(
            "INGEST_DATA_DIR", "data", Type.STRING, "Where the embedded broker keeps its data (<dir>/kafka).");
    public static final ConfigKey EMBEDDED_PORT = ConfigKey.of(
            "INGEST_EMBEDDED_PORT",
            "9092",
            Type.PORT,
            "Preferred port of the embedded broker (taken if free, else any free loopback port; 0: any).");
    public static final ConfigKey SAMPLES = ConfigKey.of(
            "INGEST_SAMPLES",
            "true",
            Type.BOOLEAN,
            "Publish the bundled samples on an embedded " + "broker's first start.");
    public static final ConfigKey LOG_LEVEL = ConfigKey.of(
            "INGEST_LOG_LEVEL",
            "INFO",
            Type.STRING,
            "Root log level: TRACE, DEBUG, INFO, WARN, ERROR or OFF (any case). Environment only: logback reads it "
                    + "when the JVM starts, before the config file; the file key is a start-up problem.");

    /** Every key, in documentation order. */
    public static final List<ConfigKey> KEYS = List.of(
            BOOTSTRAP_SERVERS,
            RAW_TOPIC,
            ARTICLES_TOPIC,
            REJECTED_TOPIC,
            GROUP_ID,
            THREADS,
            TRANSFORM_THREADS,
            INSTANCE_ID,
            TRANSACTIONAL_ID_PREFIX,
            CREATE_TOPICS,
            PARTITIONS,
            REPLICATION_FACTOR,
            MAX_ITEM_BYTES,
            MAX_RECORD_BYTES,
            MAX_DEPTH,
            MAX_TIME_MS,
            MAX_ARTICLES,
            MAX_POLL_RECORDS,
            POLL_TIMEOUT_MS,
            RETRY_BACKOFF_MS,
            RETRY_BACKOFF_MAX_MS,
            MAX_RETRIES,
            SHUTDOWN_TIMEOUT_MS,
            BROKER_WAIT_MS,
            HTTP_HOST,
            HTTP_PORT,
            HTTP_TOKEN,
            HTTP_SEND_TIMEOUT_MS,
            HTTP_READ_TIMEOUT_MS,
            HTTP_POST_CONCURRENCY,
            MANAGEMENT_PORT,
            ARTICLES_LIMIT,
            DATA_DIR,
            EMBEDDED_PORT,
            SAMPLES,
            LOG_LEVEL);

    /** Prefix of pass-through Kafka client keys in the properties file. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Prefix of pass-through Kafka client settings in the environment. */
    public static final String KAFKA_ENV_PREFIX = "KAFKA_CLIENT_";

    /**
     * The Kafka client setting an environment variable sets: {@code KAFKA_CLIENT_SASL_MECHANISM} sets {@code
     * sasl.mechanism} (the {@link #KAFKA_ENV_PREFIX} removed, lower case, {@code _} for {@code .}); the inverse of
     * {@link #clientEnvName}.
     *
     * @param envName a variable name starting with {@link #KAFKA_ENV_PREFIX}
     */
    static String clientKeyOfEnv(String envName) {
        return envName.substring(KAFKA_ENV_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    /**
     * The environment variable that sets a Kafka client setting: {@code sasl.mechanism} is set by {@code
     * KAFKA_CLIENT_SASL_MECHANISM}; the inverse of {@link #clientKeyOfEnv}.
     *
     * @param clientKey the Kafka name (no {@link #KAFKA_PREFIX})
     */
    static String clientEnvName(String clientKey) {
        return KAFKA_ENV_PREFIX + clientKey.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Client settings the worker owns: overriding them would break exactly-once or the record format. */
    private static final Set<String> RESERVED_CLIENT_KEYS = Set.of(
            "enable.auto.commit",
            "isolation.level",
            "transactional.id",
            "enable.idempotence",
            "group.id",
            "group.instance.id",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer");

    /** The pass-through setting that {@link #BOOTSTRAP_SERVERS} owns. */
    private static final String BOOTSTRAP_CLIENT_KEY = "bootstrap.servers";
    /** The producers' request size, derived from the record limit unless set. */
    private static final String MAX_REQUEST_SIZE = "max.request.size";

    /** The producers' transaction timeout: past it the broker aborts an open transaction. */
    private static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";
    /** The consumers' poll interval: past it a consumer that has not polled leaves the group. */
    private static final String MAX_POLL_INTERVAL = "max.poll.interval.ms";
    /** Kafka's default {@link #TRANSACTION_TIMEOUT}. */
    private static final long KAFKA_TRANSACTION_TIMEOUT_MS = 60_000;
    /** Kafka's default {@link #MAX_POLL_INTERVAL}. */
    private static final long KAFKA_MAX_POLL_INTERVAL_MS = 300_000;

    /** Largest item limit accepted: the records derived from it must fit Kafka's int sizes. */
    public static final long MAX_ITEM_LIMIT = 1L << 30;
    /** Room for an envelope's fields and a record's headers (dead-letter headers included) beside the body. */
    public static final int RECORD_HEADROOM_BYTES = 64 * 1024;
    /** How many times an item's size its article may take by default: text and HTML, markup, escaping. */
    public static final int ARTICLE_EXPANSION = 4;
    /** Kafka's framing around the largest record (record and batch headers), with a wide margin. */
    public static final int KAFKA_OVERHEAD_BYTES = 16 * 1024;

    /** The log levels {@link #LOG_LEVEL} takes (logback's, case-insensitive). */
    public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Whether Kafka takes this as a topic name: 1 to 249 of a-z A-Z 0-9 . _ -, and not "." or "..". */
    public static boolean isTopicName(String name) {
        return TOPIC.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(password|passphrase|passwd|secret|jaas|token|credential|private\\.key|key\\.password|api\\.key"
                    + "|apikey|ssl\\.key\\.|keystore\\.key).*");
    /** Every setting of the producer, consumer and admin client, by name (the producer's definition first). */
    private static final Map<String, ConfigDef.ConfigKey> CLIENT_SETTINGS = clientSettings();
    /** Config providers' own settings ({@code config.providers.<name>.class}, {@code .param.*}) pass unchecked. */
    private static final String CONFIG_PROVIDERS_PREFIX = "config.providers.";
    /** The client setting that lists the config providers by name. */
    private static final String CONFIG_PROVIDERS = "config.providers";
    /** Kafka client settings of type PASSWORD, in any client's definition. */
    private static final Set<String> PASSWORD_SETTINGS = passwordSettings();

    private final Map<ConfigKey, String> values;
    private final Map<String, String> clientProperties;
    /** Each key as it was set: its environment variable, or its property and the file it is in. */
    private final Map<ConfigKey, String> names;

    private WorkerConfig(
            Map<ConfigKey, String> values, Map<String, String> clientProperties, Map<ConfigKey, String> names) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    /** Configuration that cannot be used; {@link #problems()} lists every problem found. */
    public static final class InvalidConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        public InvalidConfigException(List<String> problems) {
            super("invalid configuration:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Loads from the process environment and an optional properties file. */
    public static WorkerConfig load(Path file) throws InvalidConfigException {
        return load(System.getenv(), file);
    }

    /** Loads from the given environment and an optional properties file. */
    public static WorkerConfig load(Map<String, String> env, Path file) throws InvalidConfigException {
        Properties props = new Properties();
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidConfigException(List.of("cannot read config file " + file + ": " + reason(e)));
            }
        }
        return load(env, props, file == null ? null : file.toString());
    }

    /** Loads from an environment map and properties (the file's), environment winning. */
    public static WorkerConfig load(Map<String, String> env, Properties file) throws InvalidConfigException {
        return load(env, file, null);
    }

    /**
     * Loads from an environment map and properties, environment winning. An empty (or blank) value counts as not set,
     * in the environment and in the file alike: the next source, else the default, applies.
     *
     * @param fileName the config file's name for messages about its keys, or null
     */
    private static WorkerConfig load(Map<String, String> env, Properties file, String fileName)
            throws InvalidConfigException {
        List<String> problems = new ArrayList<>();
        Map<ConfigKey, String> values = new LinkedHashMap<>();
        Map<ConfigKey, String> names = new LinkedHashMap<>();
        Map<String, String> client = new TreeMap<>();
        Map<String, String> clientNames = new TreeMap<>();
        Set<String> knownProperties = new HashSet<>();
        Set<String> knownEnv = new HashSet<>();
        String inFile = fileName == null ? " in the config file" : " in " + fileName;
        for (ConfigKey key : KEYS) {
            knownProperties.add(key.property());
            knownEnv.add(key.env());
            String value = key.defaultValue();
            String name = key.env();
            String fromFile = file.getProperty(key.property());
            if (fromFile != null && !fromFile.isBlank()) {
                value = fromFile.trim();
                name = key.property() + inFile;
            }
            String fromEnv = env.get(key.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                value = fromEnv.trim();
                name = key.env();
            }
            values.put(key, value);
            names.put(key, name);
        }
        for (String name : new TreeMap<>(toMap(file)).keySet()) {
            if (knownProperties.contains(name)) {
                continue;
            }
            if (name.startsWith(KAFKA_PREFIX)) {
                String value = file.getProperty(name).trim();
                if (!value.isEmpty()) {
                    client.put(name.substring(KAFKA_PREFIX.length()), value);
                    clientNames.put(name.substring(KAFKA_PREFIX.length()), name + inFile);
                }
            } else if (name.startsWith("ingest.")) {
                problems.add("unknown key '" + name + "'" + inFile);
            } else {
                problems.add("unknown key '" + name + "'" + inFile + " (Kafka client settings take the prefix "
                        + "'kafka.')");
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (name.startsWith(KAFKA_ENV_PREFIX) && name.length() > KAFKA_ENV_PREFIX.length()) {
                String clientKey = clientKeyOfEnv(name);
                if (e.getValue() != null && !e.getValue().isBlank()) {
                    client.put(clientKey, e.getValue().trim());
                    clientNames.put(clientKey, name);
                }
            } else if (name.startsWith("INGEST_") && !knownEnv.contains(name)) {
                problems.add("unknown environment variable " + name);
            }
        }
        if (client.containsKey(BOOTSTRAP_CLIENT_KEY)) {
            problems.add(clientNames.get(BOOTSTRAP_CLIENT_KEY) + " is not used: the brokers are set with "
                    + BOOTSTRAP_SERVERS.env() + " (or " + BOOTSTRAP_SERVERS.property() + " in the config file)");
            client.remove(BOOTSTRAP_CLIENT_KEY);
        }
        for (String reserved : new java.util.TreeSet<>(RESERVED_CLIENT_KEYS)) {
            if (client.containsKey(reserved)) {
                problems.add(clientNames.get(reserved) + " cannot be set: the worker sets the Kafka client setting '"
                        + reserved + "' itself (exactly-once depends on it)");
            }
        }
        boolean plugins = client.keySet().stream().anyMatch(WorkerConfig::namesPlugin);
        Set<String> providers = configProviders(client);
        for (Map.Entry<String, String> e : client.entrySet()) {
            String as = clientNames.get(e.getKey());
            String providersAs = clientNames.getOrDefault(
                    CONFIG_PROVIDERS,
                    as.startsWith(KAFKA_ENV_PREFIX)
                            ? clientEnvName(CONFIG_PROVIDERS)
                            : KAFKA_PREFIX + CONFIG_PROVIDERS);
            String problem = clientSettingProblem(e.getKey(), e.getValue(), as, plugins, providers, providersAs);
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (ConfigKey key : KEYS) {
            check(key, names.get(key), values.get(key), problems);
        }
        List<String> topics = List.of(values.get(RAW_TOPIC), values.get(ARTICLES_TOPIC), values.get(REJECTED_TOPIC));
        if (new HashSet<>(topics).size() < topics.size()) {
            problems.add("the raw, articles and rejected topics must be three different topics: " + topics);
        }
        Range r = new Range(values, names, problems);
        r.atLeast(THREADS, 1);
        r.atLeast(TRANSFORM_THREADS, 0);
        r.atLeast(PARTITIONS, 1);
        r.atLeast(MAX_ITEM_BYTES, 1);
        r.atMost(MAX_ITEM_BYTES, MAX_ITEM_LIMIT);
        r.atLeast(MAX_ARTICLES, 1);
        r.atLeast(MAX_POLL_RECORDS, 1);
        r.atLeast(POLL_TIMEOUT_MS, 1);
        r.atLeast(MAX_TIME_MS, 1);
        r.atLeast(RETRY_BACKOFF_MS, 1);
        r.atLeast(RETRY_BACKOFF_MAX_MS, 1);
        r.atLeast(MAX_RETRIES, 1);
        r.atLeast(SHUTDOWN_TIMEOUT_MS, 1);
        r.atLeast(ARTICLES_LIMIT, 1);
        r.atLeast(BROKER_WAIT_MS, 1);
        r.atLeast(HTTP_SEND_TIMEOUT_MS, 1);
        r.atLeast(HTTP_READ_TIMEOUT_MS, 1000);
        r.atMost(HTTP_READ_TIMEOUT_MS, 3_600_000);
        r.atLeast(HTTP_POST_CONCURRENCY, 1);
        r.atMost(HTTP_POST_CONCURRENCY, 1024);
        r.atLeast(MAX_DEPTH, 8);
        r.atMost(MAX_RECORD_BYTES, Integer.MAX_VALUE - KAFKA_OVERHEAD_BYTES);
        Long itemBytes = parseLong(values.get(MAX_ITEM_BYTES));
        Long recordBytes = parseLong(values.get(MAX_RECORD_BYTES));
        if (itemBytes != null && itemBytes >= 1 && itemBytes <= MAX_ITEM_LIMIT && recordBytes != null) {
            long needed = minRecordBytes(itemBytes);
            if (recordBytes < needed) {
                problems.add(names.get(MAX_RECORD_BYTES) + " (" + recordBytes + ") is too small for "
                        + names.get(MAX_ITEM_BYTES) + " (" + itemBytes + "): an item at the item limit, sent as a "
                        + "base64 envelope and dead-lettered with its headers, needs up to " + needed
                        + " bytes; raise it to at least " + needed + " or leave it unset");
            }
        }
        String requestSize = client.get(MAX_REQUEST_SIZE);
        if (requestSize != null
                && !hasProviderPlaceholder(requestSize)
                && itemBytes != null
                && itemBytes >= 1
                && itemBytes <= MAX_ITEM_LIMIT) {
            long needed = (recordBytes != null ? recordBytes : defaultRecordBytes(itemBytes)) + KAFKA_OVERHEAD_BYTES;
            Long given = parseLong(requestSize);
            if (given == null || given < needed) {
                problems.add(clientNames.get(MAX_REQUEST_SIZE) + " ('" + requestSize + "') is below what the worker "
                        + "sends: records of up to " + names.get(MAX_RECORD_BYTES) + " need " + needed + " bytes; "
                        + "leave it unset (the worker derives it) or lower " + names.get(MAX_ITEM_BYTES) + " / "
                        + names.get(MAX_RECORD_BYTES));
            }
        }
        Long maxTime = parseLong(values.get(MAX_TIME_MS));
        long transactionMs = clientMillis(client, TRANSACTION_TIMEOUT, KAFKA_TRANSACTION_TIMEOUT_MS);
        long pollIntervalMs = clientMillis(client, MAX_POLL_INTERVAL, KAFKA_MAX_POLL_INTERVAL_MS);
        long batchTime = maxBatchTime(client).toMillis();
        // The smaller of the two is the one that binds; named as it was set.
        String binding = transactionMs <= pollIntervalMs ? TRANSACTION_TIMEOUT : MAX_POLL_INTERVAL;
        String bindingAs = clientNames.getOrDefault(binding, KAFKA_PREFIX + binding);
        String settings = "half the smaller of the Kafka producer's " + TRANSACTION_TIMEOUT + " ("
                + shownMillis(client, TRANSACTION_TIMEOUT, transactionMs) + ") and the consumer's " + MAX_POLL_INTERVAL
                + " (" + shownMillis(client, MAX_POLL_INTERVAL, pollIntervalMs) + ")";
        if (batchTime <= 1) {
            // INGEST_MAX_TIME_MS is at least 1: no item budget fits.
            problems.add(bindingAs + " (" + Math.min(transactionMs, pollIntervalMs) + " ms) leaves a batch's "
                    + "transaction no time: a batch may stay open for " + settings + "; raise it");
        } else if (maxTime != null && maxTime >= 1 && maxTime >= batchTime) {
            problems.add(names.get(MAX_TIME_MS) + " (" + maxTime + " ms) must be less than " + batchTime + " ms, the"
                    + " longest a batch's transaction may stay open (" + settings + "), so that one item's"
                    + " processing fits in a batch; lower it, or raise " + bindingAs);
        }
        String levelInFile = file.getProperty(LOG_LEVEL.property());
        if (levelInFile != null && !levelInFile.isBlank()) {
            problems.add(LOG_LEVEL.property() + inFile + " is not read: the log level is set only with the "
                    + "environment variable " + LOG_LEVEL.env() + " (logback reads it when the JVM starts)");
        }
        if (names.get(LOG_LEVEL).equals(LOG_LEVEL.env())
                && !LOG_LEVELS.contains(values.get(LOG_LEVEL).toUpperCase(Locale.ROOT))) {
            problems.add(LOG_LEVEL.env() + " must be one of " + String.join(", ", LOG_LEVELS) + " (any case), not '"
                    + values.get(LOG_LEVEL) + "'");
        }
        Long rf = parseLong(values.get(REPLICATION_FACTOR));
        if (rf != null && (rf == 0 || rf < -1 || rf > Short.MAX_VALUE)) {
            problems.add(names.get(REPLICATION_FACTOR) + " must be -1 or a positive number, not " + rf);
        }
        Long port = parseLong(values.get(HTTP_PORT));
        if (port != null && port < -1) {
            problems.add(names.get(HTTP_PORT) + " must be -1 (off), 0 (any) or a port number, not " + port);
        }
        if (port == null || port >= 0) {
            String hostProblem = hostProblem(values.get(HTTP_HOST));
            if (hostProblem != null) {
                problems.add(names.get(HTTP_HOST) + " '" + values.get(HTTP_HOST) + "' " + hostProblem);
            }
        }
        Long management = parseLong(values.get(MANAGEMENT_PORT));
        if (management != null && management < -1) {
            problems.add(names.get(MANAGEMENT_PORT) + " must be unset or -1 (none), 0 (any) or a port number, not "
                    + management);
        } else if (management != null && management >= 0 && port != null && port == -1) {
            problems.add(names.get(MANAGEMENT_PORT) + " needs the HTTP server, but " + names.get(HTTP_PORT)
                    + " is -1 (off)");
        } else if (management != null && management > 0 && management.equals(port)) {
            problems.add(
                    names.get(MANAGEMENT_PORT) + " must differ from " + names.get(HTTP_PORT) + " (both " + port + ")");
        }
        String token = values.get(HTTP_TOKEN);
        if (isPlaceholderToken(token)) {
            problems.add(names.get(HTTP_TOKEN) + " is still the example's placeholder: set a random token of your own, "
                    + "e.g. the output of `openssl rand -hex 32`");
        } else if (!token.isEmpty() && token.length() < 16) {
            problems.add(names.get(HTTP_TOKEN) + " is too short (at least 16 characters)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new WorkerConfig(values, client, names);
    }

    /**
     * The key as it was set, for messages: its environment variable ({@code KAFKA_BOOTSTRAP_SERVERS}), also when it
     * has its default value, or its property and the file it was read from ({@code kafka.bootstrap.servers in
     * worker.properties}).
     */
    public String nameOf(ConfigKey key) {
        return names.getOrDefault(key, key.env());
    }

    /**
     * Whether an HTTP token is a placeholder from the examples (deploy/kubernetes ships
     * {@code replace-me-with-a-long-random-token}): anything starting with {@code replace-me} or {@code change-me}
     * (any case), which would otherwise pass the length check and open POST /items to anyone who read the repository.
     */
    static boolean isPlaceholderToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.startsWith("replace-me") || t.startsWith("change-me") || t.startsWith("changeme");
    }

    /**
     * The problem with one pass-through client setting, or null: a name no Kafka client knows (not a setting of the
     * producer, consumer or admin client, nor under {@code config.providers.}), with the nearest known name when one
     * is close, or a value the client's own definition refuses (type, allowed values, JAAS syntax). A value that
     * holds a config-provider placeholder ({@code ${file:/path:key}}, {@code ${env:VAR}}: Kafka's {@link
     * ConfigTransformer#DEFAULT_PATTERN}) is not checked, as the client resolves it when it starts, but each provider
     * it names must be listed in {@code config.providers}, or the client would take the placeholder literally. The
     * value of a secret-looking or unknown setting is never shown.
     *
     * @param name the Kafka name (prefix removed)
     * @param as the key as the user set it, for the message
     * @param plugins whether the settings name a plugin class ({@link #namesPlugin}): then unknown names pass, as
     *     the plugin may read them
     * @param providers the config providers' names listed in {@code config.providers}
     * @param providersAs the {@code config.providers} key as the user set it (or would), for the message
     */
    static String clientSettingProblem(
            String name, String value, String as, boolean plugins, Set<String> providers, String providersAs) {
        ConfigDef.ConfigKey key = CLIENT_SETTINGS.get(name);
        if (key == null) {
            if (plugins
                    || (name.startsWith(CONFIG_PROVIDERS_PREFIX) && name.length() > CONFIG_PROVIDERS_PREFIX.length())) {
                return null;
            }
            String nearest = nearestClientSetting(name);
            String hint = nearest == null
                    ? ""
                    : "; did you mean "
                            + (as.startsWith(KAFKA_ENV_PREFIX) ? clientEnvName(nearest) : KAFKA_PREFIX + nearest)
                            + "?";
            return as + " is not a Kafka client setting ('" + name + "' is not a producer, consumer or admin client "
                    + "config)" + hint;
        }
        if (hasProviderPlaceholder(value)) {
            java.util.regex.Matcher m = ConfigTransformer.DEFAULT_PATTERN.matcher(value);
            while (m.find()) {
                String provider = m.group(1);
                if (!providers.contains(provider)) {
                    return as + " names the config provider '" + provider + "', which is not listed in "
                            + providersAs + (providers.isEmpty() ? " (not set)" : "")
                            + ": the client would take the placeholder as the value itself";
                }
            }
            return null;
        }
        boolean secret = isSecretName(name);
        try {
            Object parsed = ConfigDef.parseType(name, value, key.type);
            if (key.validator != null) {
                key.validator.ensureValid(name, parsed);
            }
            if (name.equals(SaslConfigs.SASL_JAAS_CONFIG)) {
                JaasContext.loadClientContext(Map.of(name, parsed));
            }
        } catch (ConfigException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (secret) {
                // Kafka's messages may quote parts of the value (a JAAS key, say): keep the words, never the value.
                message = message.replace(value, "****")
                        .replaceAll("'[^']*'", "'…'")
                        .replaceAll("\"[^\"]*\"", "\"…\"");
                return as + " is not valid (value not shown): " + message;
            }
            return as + " is not valid: " + message;
        } catch (RuntimeException e) {
            return as + " is not valid" + (secret ? " (value not shown)" : "") + ": "
                    + e.getClass().getSimpleName();
        }
        return null;
    }

    /** Whether a client setting's value holds a config-provider placeholder such as {@code ${file:/path:key}}. */
    static boolean hasProviderPlaceholder(String value) {
        return value != null && ConfigTransformer.DEFAULT_PATTERN.matcher(value).find();
    }

    /** The config providers' names listed in the client setting {@code config.providers} (comma-separated). */
    private static Set<String> configProviders(Map<String, String> client) {
        Set<String> names = new HashSet<>();
        String list = client.get(CONFIG_PROVIDERS);
        if (list != null) {
            for (String n : list.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
        }
        return names;
    }

    /**
     * Whether a client setting plugs in code of its own that may read settings Kafka does not know: any setting of
     * type CLASS (callback handlers, login classes, partitioners, ...), {@code interceptor.classes} and
     * {@code metric.reporters}.
     */
    static boolean namesPlugin(String name) {
        ConfigDef.ConfigKey key = CLIENT_SETTINGS.get(name);
        return key != null
                && (key.type == ConfigDef.Type.CLASS
                        || name.equals("interceptor.classes")
                        || name.equals("metric.reporters"));
    }

    /** The known client setting nearest to a misspelt name (at most 3 edits away, and fewer than a third), or null. */
    private static String nearestClientSetting(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : CLIENT_SETTINGS.keySet()) {
            int d = editDistance(name, known);
            if (d < bestDistance || (d == bestDistance && known.compareTo(best) < 0)) {
                best = known;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.min(3, Math.max(1, name.length() / 3)) ? best : null;
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** Why a config file could not be read, in words ("no such file", "permission denied", ...). */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof IllegalArgumentException) {
            return "not a properties file (" + e.getMessage() + ")";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Why an HTTP bind address is unusable, or null when it is fine. */
    static String hostProblem(String host) {
        if (host.matches("[0-9.]+")) {
            String[] parts = host.split("\\.", -1);
            boolean ok = parts.length == 4;
            for (int i = 0; ok && i < 4; i++) {
                ok = !parts[i].isEmpty() && parts[i].length() <= 3 && Integer.parseInt(parts[i]) <= 255;
            }
            if (!ok) {
                return "is not a valid IPv4 address";
            }
        }
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException | SecurityException e) {
            return "cannot be resolved to an address";
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return null;
        }
        try {
            if (java.net.NetworkInterface.getByInetAddress(address) == null) {
                return "(" + address.getHostAddress() + ") is not an address of this machine; use 0.0.0.0 for all";
            }
        } catch (java.net.SocketException e) {
            // Cannot tell: let the bind decide.
        }
        return null;
    }

    /**
     * The smallest record limit that holds an item at the item limit: its body base64-encoded in an envelope
     * (4 bytes per 3), plus room for the envelope's other fields, the record's headers and a dead letter's
     * {@code ingest.*} headers.
     */
    public static long minRecordBytes(long maxItemBytes) {
        return 4 * ((maxItemBytes + 2) / 3) + RECORD_HEADROOM_BYTES;
    }

    /**
     * The default record limit: room for the article of an item at the item limit. An article carries the item's text
     * twice (its {@code text/html} and {@code text/plain} bodies), with markup, JSON escaping and metadata on top: four times the
     * item plus the headroom covers that for real text (and always covers the base64 envelope, {@link
     * #minRecordBytes}). Capped so that the Kafka size stays an int.
     */
    public static long defaultRecordBytes(long maxItemBytes) {
        return Math.min(
                ARTICLE_EXPANSION * maxItemBytes + RECORD_HEADROOM_BYTES, Integer.MAX_VALUE - KAFKA_OVERHEAD_BYTES);
    }

    /** The defaults (no environment, no file): for tests and tools. */
    public static WorkerConfig defaults() {
        try {
            return load(Map.of(), new Properties());
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This configuration with some keys replaced (environment-variable names as keys); validated again. */
    public WorkerConfig with(Map<String, String> overrides) throws InvalidConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((k, v) -> env.put(k.env(), v));
        clientProperties.forEach((k, v) -> env.put(clientEnvName(k), v));
        env.putAll(overrides);
        WorkerConfig changed = load(env, new Properties());
        // The keys not overridden keep the names they were set with (a file's property stays the file's).
        Map<ConfigKey, String> kept = new LinkedHashMap<>(changed.names);
        names.forEach((k, n) -> {
            if (!overrides.containsKey(k.env())) {
                kept.put(k, n);
            }
        });
        return new WorkerConfig(changed.values, changed.clientProperties, kept);
    }

    private static void check(ConfigKey key, String name, String value, List<String> problems) {
        if (value.isEmpty()) {
            return;
        }
        switch (key.type()) {
            case INT, PORT -> {
                Long v = parseLong(value);
                if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    problems.add(name + " must be a whole number, not '" + shown(key, value) + "'");
                } else if (key.type() == Type.PORT && v > 65535) {
                    problems.add(name + " must be a port number (0-65535), not " + v);
                }
            }
            case LONG -> {
                if (parseLong(value) == null) {
                    problems.add(name + " must be a whole number, not '" + shown(key, value) + "'");
                }
            }
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    problems.add(name + " must be true or false, not '" + value + "'");
                }
            }
            case TOPIC -> {
                if (!isTopicName(value)) {
                    problems.add(name + " '" + value + "' is not a valid topic name "
                            + "(letters, digits, '.', '_', '-', at most 249)");
                }
            }
            case STRING -> {}
        }
    }

    /** Range checks of numeric keys, naming each key as the user set it. */
    private record Range(Map<ConfigKey, String> values, Map<ConfigKey, String> names, List<String> problems) {
        void atLeast(ConfigKey key, long min) {
            Long v = parseLong(values.get(key));
            if (v != null && v < min) {
                problems.add(names.get(key) + " must be at least " + min + ", not " + v);
            }
        }

        void atMost(ConfigKey key, long max) {
            Long v = parseLong(values.get(key));
            if (v != null && v > max) {
                problems.add(names.get(key) + " must be at most " + max + ", not " + v);
            }
        }
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shown(ConfigKey key, String value) {
        return key.secret() ? "****" : value;
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name));
        }
        return map;
    }

    /** The raw text of a key. */
    public String get(ConfigKey key) {
        return values.get(key);
    }

    private int intValue(ConfigKey key) {
        return Math.toIntExact(parseLong(values.get(key)));
    }

    private long longValue(ConfigKey key) {
        return parseLong(values.get(key));
    }

    private boolean boolValue(ConfigKey key) {
        return Boolean.parseBoolean(values.get(key));
    }

    /** The bootstrap servers, or empty for the embedded broker. */
    public Optional<String> bootstrapServers() {
        String v = values.get(BOOTSTRAP_SERVERS);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String rawTopic() {
        return values.get(RAW_TOPIC);
    }

    public String articlesTopic() {
        return values.get(ARTICLES_TOPIC);
    }

    public String rejectedTopic() {
        return values.get(REJECTED_TOPIC);
    }

    public String groupId() {
        return values.get(GROUP_ID);
    }

    public int threads() {
        return values.get(THREADS).isEmpty() ? Runtime.getRuntime().availableProcessors() : intValue(THREADS);
    }

    /** Threads of the shared transform pool; 0 = transform on the consumer threads. */
    public int transformThreads() {
        return values.get(TRANSFORM_THREADS).isEmpty()
                ? Runtime.getRuntime().availableProcessors()
                : intValue(TRANSFORM_THREADS);
    }

    public String instanceId() {
        String v = values.get(INSTANCE_ID);
        if (!v.isEmpty()) {
            return v;
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "worker";
            }
        }
        return host;
    }

    public String transactionalIdPrefix() {
        String v = values.get(TRANSACTIONAL_ID_PREFIX);
        return v.isEmpty() ? groupId() : v;
    }

    public boolean createTopics() {
        return boolValue(CREATE_TOPICS);
    }

    public int partitions() {
        return intValue(PARTITIONS);
    }

    public short replicationFactor() {
        return (short) intValue(REPLICATION_FACTOR);
    }

    public long maxItemBytes() {
        return longValue(MAX_ITEM_BYTES);
    }

    /**
     * The largest record the worker sends: INGEST_MAX_RECORD_BYTES, by default derived from the item limit
     * ({@link #defaultRecordBytes}).
     */
    public int maxRecordBytes() {
        return values.get(MAX_RECORD_BYTES).isEmpty()
                ? Math.toIntExact(defaultRecordBytes(maxItemBytes()))
                : intValue(MAX_RECORD_BYTES);
    }

    /**
     * The Kafka size the worker's records need: the record limit plus Kafka's framing. Producers get it as
     * {@code max.request.size} (unless set explicitly, and then at least this), topics the worker creates as
     * {@code max.message.bytes}, the embedded broker as {@code message.max.bytes}.
     */
    public int kafkaMessageBytes() {
        return maxRecordBytes() + KAFKA_OVERHEAD_BYTES;
    }

    /** The pipeline's limits. */
    public Limits limits() {
        return new Limits(
                maxItemBytes(), intValue(MAX_DEPTH), Duration.ofMillis(longValue(MAX_TIME_MS)), intValue(MAX_ARTICLES));
    }

    public int maxPollRecords() {
        return intValue(MAX_POLL_RECORDS);
    }

    public Duration pollTimeout() {
        return Duration.ofMillis(longValue(POLL_TIMEOUT_MS));
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(longValue(RETRY_BACKOFF_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(longValue(RETRY_BACKOFF_MAX_MS));
    }

    public int maxRetries() {
        return intValue(MAX_RETRIES);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(longValue(SHUTDOWN_TIMEOUT_MS));
    }

    /** How long start-up waits for the brokers. */
    public Duration brokerWait() {
        return Duration.ofMillis(longValue(BROKER_WAIT_MS));
    }

    /** How long POST /items waits for the broker. */
    public Duration httpSendTimeout() {
        return Duration.ofMillis(longValue(HTTP_SEND_TIMEOUT_MS));
    }

    /** How long a client may take to send a whole HTTP request. */
    public Duration httpReadTimeout() {
        return Duration.ofMillis(longValue(HTTP_READ_TIMEOUT_MS));
    }

    /** How many POST /items are handled at once. */
    public int httpPostConcurrency() {
        return intValue(HTTP_POST_CONCURRENCY);
    }

    public String httpHost() {
        return values.get(HTTP_HOST);
    }

    /** The HTTP port; 0 = any free port, -1 = no HTTP server. */
    public int httpPort() {
        return intValue(HTTP_PORT);
    }

    /** The management port (probes and metrics only); 0 = any free port, -1 = none (unset). */
    public int managementPort() {
        return values.get(MANAGEMENT_PORT).isEmpty() ? -1 : intValue(MANAGEMENT_PORT);
    }

    public Optional<String> httpToken() {
        String v = values.get(HTTP_TOKEN);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public int articlesLimit() {
        return intValue(ARTICLES_LIMIT);
    }

    public Path dataDir() {
        return Path.of(values.get(DATA_DIR));
    }

    public int embeddedPort() {
        return intValue(EMBEDDED_PORT);
    }

    public boolean publishSamples() {
        return boolValue(SAMPLES);
    }

    /**
     * The longest a batch's transaction stays open: once it has been open that long, the consumer thread commits the
     * records it has published and reads the rest again in the next batch. Half the smaller of the producer's
     * {@code transaction.timeout.ms} (past it the broker aborts the transaction, so a batch that always takes longer
     * would be retried forever) and the consumer's {@code max.poll.interval.ms} (past it the consumer leaves the
     * group): 30 s with Kafka's defaults. Settings given as config-provider placeholders count as Kafka's defaults.
     */
    public Duration maxBatchTime() {
        return maxBatchTime(clientProperties);
    }

    private static Duration maxBatchTime(Map<String, String> client) {
        return Duration.ofMillis(Math.min(
                        clientMillis(client, TRANSACTION_TIMEOUT, KAFKA_TRANSACTION_TIMEOUT_MS),
                        clientMillis(client, MAX_POLL_INTERVAL, KAFKA_MAX_POLL_INTERVAL_MS))
                / 2);
    }

    /** {@code N ms}, with {@code , Kafka's default} when the setting is not given as a plain number. */
    private static String shownMillis(Map<String, String> client, String key, long ms) {
        String value = client.get(key);
        return ms + " ms" + (value == null || parseLong(value) == null ? ", Kafka's default" : "");
    }

    /** The producers' {@code transaction.timeout.ms} (Kafka's 60 s unless set as a plain number). */
    public Duration transactionTimeout() {
        return Duration.ofMillis(clientMillis(clientProperties, TRANSACTION_TIMEOUT, KAFKA_TRANSACTION_TIMEOUT_MS));
    }

    /** A client setting in milliseconds, or Kafka's default when unset or not a plain number. */
    private static long clientMillis(Map<String, String> client, String key, long kafkaDefault) {
        String value = client.get(key);
        Long ms = value == null ? null : parseLong(value);
        return ms == null || ms < 1 ? kafkaDefault : ms;
    }

    /** The pass-through Kafka client settings (prefix removed), without bootstrap.servers. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** Every key and value for the start-up log, secrets masked. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ConfigKey key : KEYS) {
            String v = values.get(key);
            lines.add(key.env() + "=" + (key.secret() && !v.isEmpty() ? "****" : v));
        }
        clientProperties.forEach((k, v) ->
                lines.add(KAFKA_PREFIX + k + "=" + (isSecretName(k) || !CLIENT_SETTINGS.containsKey(k) ? "****" : v)));
        return lines;
    }

    /**
     * Whether a client setting's value must not be shown: every setting of type PASSWORD in the producer's,
     * consumer's or admin client's definition, and any name that looks secret (password, passphrase, secret, token,
     * credential, jaas, private key, key password, ...) for settings those definitions do not know.
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return PASSWORD_SETTINGS.contains(n) || SECRET_NAME.matcher(n).matches();
    }

    /** The definitions of the clients the worker makes: producer, consumer and admin client. */
    private static List<ConfigDef> clientDefs() {
        return List.of(
                org.apache.kafka.clients.producer.ProducerConfig.configDef(),
                org.apache.kafka.clients.consumer.ConsumerConfig.configDef(),
                org.apache.kafka.clients.admin.AdminClientConfig.configDef());
    }

    private static Map<String, ConfigDef.ConfigKey> clientSettings() {
        Map<String, ConfigDef.ConfigKey> settings = new TreeMap<>();
        for (ConfigDef def : clientDefs()) {
            def.configKeys().forEach(settings::putIfAbsent);
        }
        return Collections.unmodifiableMap(settings);
    }

    private static Set<String> passwordSettings() {
        Set<String> names = new HashSet<>();
        for (ConfigDef def : clientDefs()) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    names.add(name);
                }
            });
        }
        return Set.copyOf(names);
    }

    @Override
    public String toString() {
        return "WorkerConfig" + describe();
    }
}
