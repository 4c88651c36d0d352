package io.wireingest.worker.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key of the worker: its environment variable, its properties-file key, its default and a one-line
 * doc. All keys are declared in {@link WorkerConfig#KEYS}.
 *
 * @param env the environment variable, e.g. {@code INGEST_GROUP_ID}
 * @param property the properties-file key, e.g. {@code ingest.group.id}
 * @param defaultValue the default as text ("" for none)
 * @param doc what the key means, one line
 * @param type how the value is checked
 * @param secret whether the value must never be logged or printed
 */
public record ConfigKey(String env, String property, String defaultValue, String doc, Type type, boolean secret) {
    /** How a value is checked at start-up. */
    public enum Type {
        STRING,
        TOPIC,
        INT,
        LONG,
        BOOLEAN,
        PORT
    }

    public ConfigKey {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(type, "type");
    }

    static ConfigKey of(String env, String defaultValue, Type type, String doc) {
        return new ConfigKey(env, propertyOf(env), defaultValue, doc, type, false);
    }

    static ConfigKey secret(String env, String doc) {
        return new ConfigKey(env, propertyOf(env), "", doc, Type.STRING, true);
    }

    /** {@code INGEST_GROUP_ID} → {@code ingest.group.id}; {@code KAFKA_BOOTSTRAP_SERVERS} → {@code kafka.bootstrap.servers}. */
    static String propertyOf(String env) {
        return env.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
