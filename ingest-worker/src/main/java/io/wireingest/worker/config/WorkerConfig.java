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
            "Stable name of this worker instance, part of its transactional ids (default: the host name). "
                    + "Two workers running at once must have different ids.");
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
            "Largest raw item accepted (bytes); larger ones are rejected (stage limits) or refused with 413.");
    public static final ConfigKey MAX_RECORD_BYTES = ConfigKey.of(
            "INGEST_MAX_RECORD_BYTES",
            "1000000",
            Type.INT,
            "Largest output record the worker sends; a bigger article is rejected (stage publish, reason "
                    + "too-large) instead of failing the transaction. Keep below the broker's message.max.bytes.");
    public static final ConfigKey MAX_DEPTH =
            ConfigKey.of("INGEST_MAX_DEPTH", "256", Type.INT, "Deepest markup nesting kept per item.");
    public static final ConfigKey MAX_TIME_MS =
            ConfigKey.of("INGEST_MAX_TIME_MS", "5000", Type.LONG, "Processing time budget per item (ms).");
    public static final ConfigKey MAX_ARTICLES = ConfigKey.of(
            "INGEST_MAX_ARTICLES", "1000", Type.INT, "Most articles one input (feed, newsMessage) may produce.");
    public static final ConfigKey MAX_POLL_RECORDS = ConfigKey.of(
            "INGEST_MAX_POLL_RECORDS",
            "200",
            Type.INT,
            "Most records per poll, i.e. per transaction (one transaction per poll batch per thread).");
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
            "Consecutive failed transactions of one thread before the worker gives up and exits non-zero.");
    public static final ConfigKey SHUTDOWN_TIMEOUT_MS = ConfigKey.of(
            "INGEST_SHUTDOWN_TIMEOUT_MS",
            "30000",
            Type.LONG,
            "How long a stop (SIGTERM) waits for the threads to finish their open transactions (ms); past it the "
                    + "worker exits 1 and the broker aborts what is left.");
    public static final ConfigKey HTTP_HOST =
            ConfigKey.of("INGEST_HTTP_HOST", "0.0.0.0", Type.STRING, "Address the HTTP server binds to.");
    public static final ConfigKey HTTP_PORT =
            ConfigKey.of("INGEST_HTTP_PORT", "8080", Type.PORT, "HTTP port (0: any free port; -1: no HTTP server).");
    public static final ConfigKey HTTP_TOKEN = ConfigKey.secret(
            "INGEST_HTTP_TOKEN",
            "Bearer token for POST /items and GET /articles. Unset: those answer loopback clients only.");
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
            "INGEST_LOG_LEVEL", "INFO", Type.STRING, "Root log level (read by logback; environment only).");

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
            HTTP_HOST,
            HTTP_PORT,
            HTTP_TOKEN,
            ARTICLES_LIMIT,
            DATA_DIR,
            EMBEDDED_PORT,
            SAMPLES,
            LOG_LEVEL);

    /** Prefix of pass-through Kafka client keys in the properties file. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Prefix of pass-through Kafka client settings in the environment. */
    public static final String KAFKA_ENV_PREFIX = "KAFKA_CLIENT_";

    /** Client settings the worker owns: overriding them would break exactly-once or the record format. */
    private static final Set<String> RESERVED_CLIENT_KEYS = Set.of(
            "enable.auto.commit",
            "isolation.level",
            "transactional.id",
            "enable.idempotence",
            "group.id",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(password|secret|jaas|token|credential|ssl\\.key\\.|keystore\\.key).*");

    private final Map<ConfigKey, String> values;
    private final Map<String, String> clientProperties;

    private WorkerConfig(Map<ConfigKey, String> values, Map<String, String> clientProperties) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
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
            } catch (IOException e) {
                throw new InvalidConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
            }
        }
        return load(env, props);
    }

    /** Loads from an environment map and properties (the file's), environment winning. */
    public static WorkerConfig load(Map<String, String> env, Properties file) throws InvalidConfigException {
        List<String> problems = new ArrayList<>();
        Map<ConfigKey, String> values = new LinkedHashMap<>();
        Map<String, String> client = new TreeMap<>();
        Set<String> knownProperties = new HashSet<>();
        Set<String> knownEnv = new HashSet<>();
        for (ConfigKey key : KEYS) {
            knownProperties.add(key.property());
            knownEnv.add(key.env());
            String value = key.defaultValue();
            if (file.getProperty(key.property()) != null) {
                value = file.getProperty(key.property()).trim();
            }
            if (env.get(key.env()) != null) {
                value = env.get(key.env()).trim();
            }
            values.put(key, value);
        }
        for (String name : new TreeMap<>(toMap(file)).keySet()) {
            if (knownProperties.contains(name)) {
                continue;
            }
            if (name.startsWith(KAFKA_PREFIX)) {
                client.put(
                        name.substring(KAFKA_PREFIX.length()),
                        file.getProperty(name).trim());
            } else if (name.startsWith("ingest.")) {
                problems.add("unknown key '" + name + "' in the config file");
            } else {
                problems.add("unknown key '" + name + "' in the config file (Kafka client settings take the prefix "
                        + "'kafka.')");
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (name.startsWith(KAFKA_ENV_PREFIX) && name.length() > KAFKA_ENV_PREFIX.length()) {
                String clientKey = name.substring(KAFKA_ENV_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                client.put(clientKey, e.getValue().trim());
            } else if (name.startsWith("INGEST_") && !knownEnv.contains(name)) {
                problems.add("unknown environment variable " + name);
            }
        }
        client.remove("bootstrap.servers");
        for (String reserved : RESERVED_CLIENT_KEYS) {
            if (client.containsKey(reserved)) {
                problems.add("Kafka client setting '" + reserved + "' is set by the worker and cannot be overridden");
            }
        }
        for (ConfigKey key : KEYS) {
            check(key, values.get(key), problems);
        }
        List<String> topics = List.of(values.get(RAW_TOPIC), values.get(ARTICLES_TOPIC), values.get(REJECTED_TOPIC));
        if (new HashSet<>(topics).size() < topics.size()) {
            problems.add("the raw, articles and rejected topics must be three different topics: " + topics);
        }
        positive(values, THREADS, problems);
        atLeast(values, TRANSFORM_THREADS, 0, problems);
        positive(values, PARTITIONS, problems);
        positive(values, MAX_ITEM_BYTES, problems);
        positive(values, MAX_ARTICLES, problems);
        positive(values, MAX_POLL_RECORDS, problems);
        positive(values, POLL_TIMEOUT_MS, problems);
        positive(values, MAX_TIME_MS, problems);
        positive(values, RETRY_BACKOFF_MS, problems);
        positive(values, RETRY_BACKOFF_MAX_MS, problems);
        positive(values, MAX_RETRIES, problems);
        positive(values, SHUTDOWN_TIMEOUT_MS, problems);
        positive(values, ARTICLES_LIMIT, problems);
        atLeast(values, MAX_RECORD_BYTES, 1024, problems);
        atLeast(values, MAX_DEPTH, 8, problems);
        Long rf = parseLong(values.get(REPLICATION_FACTOR));
        if (rf != null && (rf == 0 || rf < -1 || rf > Short.MAX_VALUE)) {
            problems.add(REPLICATION_FACTOR.env() + " must be -1 or a positive number, not " + rf);
        }
        Long port = parseLong(values.get(HTTP_PORT));
        if (port != null && port < -1) {
            problems.add(HTTP_PORT.env() + " must be -1 (off), 0 (any) or a port number, not " + port);
        }
        String token = values.get(HTTP_TOKEN);
        if (!token.isEmpty() && token.length() < 16) {
            problems.add(HTTP_TOKEN.env() + " is too short (at least 16 characters)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new WorkerConfig(values, client);
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
        clientProperties.forEach(
                (k, v) -> env.put(KAFKA_ENV_PREFIX + k.toUpperCase(Locale.ROOT).replace('.', '_'), v));
        env.putAll(overrides);
        return load(env, new Properties());
    }

    private static void check(ConfigKey key, String value, List<String> problems) {
        if (value.isEmpty()) {
            return;
        }
        switch (key.type()) {
            case INT, PORT -> {
                Long v = parseLong(value);
                if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    problems.add(key.env() + " must be a whole number, not '" + shown(key, value) + "'");
                } else if (key.type() == Type.PORT && v > 65535) {
                    problems.add(key.env() + " must be a port number (0-65535), not " + v);
                }
            }
            case LONG -> {
                if (parseLong(value) == null) {
                    problems.add(key.env() + " must be a whole number, not '" + shown(key, value) + "'");
                }
            }
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    problems.add(key.env() + " must be true or false, not '" + value + "'");
                }
            }
            case TOPIC -> {
                if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
                    problems.add(key.env() + " '" + value + "' is not a valid topic name "
                            + "(letters, digits, '.', '_', '-', at most 249)");
                }
            }
            case STRING -> {}
        }
    }

    private static void positive(Map<ConfigKey, String> values, ConfigKey key, List<String> problems) {
        atLeast(values, key, 1, problems);
    }

    private static void atLeast(Map<ConfigKey, String> values, ConfigKey key, long min, List<String> problems) {
        Long v = parseLong(values.get(key));
        if (v != null && v < min) {
            problems.add(key.env() + " must be at least " + min + ", not " + v);
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

    public int maxRecordBytes() {
        return intValue(MAX_RECORD_BYTES);
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

    public String httpHost() {
        return values.get(HTTP_HOST);
    }

    /** The HTTP port; 0 = any free port, -1 = no HTTP server. */
    public int httpPort() {
        return intValue(HTTP_PORT);
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
        clientProperties.forEach((k, v) -> lines.add(KAFKA_PREFIX + k + "=" + (isSecretName(k) ? "****" : v)));
        return lines;
    }

    /** Whether a client setting's value must not be shown. */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return "WorkerConfig" + describe();
    }
}
