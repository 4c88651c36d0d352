package io.wireingest.core.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.wireingest.core.model.JsonNesting;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.io.IOException;

/**
 * JSON nesting against the item's depth limit ({@code Limits.maxDepth}), and Jackson's errors as plain details.
 * Jackson refuses nesting past its own limit with an exception that has neither a location nor a plain message; items
 * nested too deep are refused here instead, with reason {@code too-deep} as for XML.
 */
final class JsonDepth {
    /** Streams without Jackson's own depth limit: the walks here count the depth themselves. */
    private static final JsonFactory UNBOUNDED = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonDepth() {}

    /** The refusal of JSON nested deeper than {@code maxDepth} levels. */
    static RejectedException tooDeep(StageName stage, int maxDepth) {
        return new RejectedException(stage, "too-deep", JsonNesting.tooDeep(maxDepth) + " (the nesting depth limit)");
    }

    /**
     * The first syntax error of the text as JSON (streamed, nothing built), or null when it is well-formed.
     *
     * @throws RejectedException reason {@code too-deep} when arrays and objects nest deeper than {@code maxDepth}
     *     before any syntax error
     */
    static String syntaxError(String text, int maxDepth, StageName stage) throws RejectedException {
        try (JsonParser parser = UNBOUNDED.createParser(text)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    if (++depth > maxDepth) {
                        throw tooDeep(stage, maxDepth);
                    }
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return describe(e);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Jackson's message on one line, at most 300 chars, with the line and column when Jackson gives them. */
    static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        m = m.replace('\n', ' ');
        if (m.length() > 300) {
            m = m.substring(0, 300) + "…";
        }
        JsonLocation at = e.getLocation();
        return at == null ? m : m + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
