package io.wireingest.worker.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wireingest.core.model.InMemoryJson;
import io.wireingest.core.model.JsonNesting;
import io.wireingest.worker.config.WorkerConfig;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Checks of command-line values shared by the commands, with messages that name the option and what it expects,
 * and the strict JSON check of input files.
 */
final class CliArgs {
    /**
     * No limit on the length of a string ({@link InMemoryJson}): the bytes parsed here are already read with a bound
     * derived from the item limit (publish's file and line caps, normalize's).
     */
    private static final ObjectMapper STRICT =
            new ObjectMapper(InMemoryJson.factory()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CliArgs() {}

    /** A bad option value; the message names the option and what it expects. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** JSON that does not parse; the message gives the line and column. */
    static final class InvalidJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean tooDeep;

        InvalidJsonException(String message) {
            this(message, false);
        }

        InvalidJsonException(String message, boolean tooDeep) {
            super(message);
            this.tooDeep = tooDeep;
        }

        /** Whether the text was refused for its nesting alone (reason {@code too-deep}, as the pipeline says). */
        boolean tooDeep() {
            return tooDeep;
        }
    }

    /** An RFC 3339 / ISO-8601 date-time with an offset ({@code Z} or {@code +07:00}), or null when not given. */
    static Instant instant(String option, String value) throws UsageException {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(option + ": expected an ISO-8601 instant like 2024-05-01T08:00:00Z (or with an"
                    + " offset, 2024-05-01T15:00:00+07:00), got '" + value + "'");
        }
    }

    /** A legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249), or null when not given. */
    static String topic(String option, String value) throws UsageException {
        if (value == null) {
            return null;
        }
        if (!WorkerConfig.isTopicName(value)) {
            throw new UsageException(option + ": '" + value + "' is not a valid topic name (1 to 249 of the"
                    + " characters a-z A-Z 0-9 . _ -)");
        }
        return value;
    }

    /** Parses JSON strictly (one value, nothing after it); the error names the line and column. */
    static JsonNode json(byte[] bytes) throws InvalidJsonException {
        try {
            JsonNode node = STRICT.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonException("not valid JSON: empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            // plain words, not Jackson's (which name its StreamReadConstraints)
            java.util.Optional<String> deep = JsonNesting.tooDeep(
                    e, STRICT.getFactory().streamReadConstraints().getMaxNestingDepth());
            if (deep.isPresent()) {
                throw new InvalidJsonException(deep.get(), true);
            }
            throw new InvalidJsonException("not valid JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidJsonException("not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidJsonException("not valid JSON: " + e.getMessage());
        }
    }

    /** Whether a content type is JSON ({@code application/json}, {@code application/x+json}, with parameters). */
    static boolean isJsonType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json");
    }
}
