package io.wireingest.core.model;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Optional;

/**
 * JSON nested too deep, said in one way wherever JSON is read (envelopes, the recognize and parse stages, the
 * command line): Jackson's own refusal names its internals ({@code StreamReadConstraints.getMaxNestingDepth()}) and
 * carries no location.
 */
public final class JsonNesting {
    private JsonNesting() {}

    /** The plain words for JSON whose arrays and objects nest deeper than {@code maxDepth} levels. */
    public static String tooDeep(int maxDepth) {
        return "JSON arrays and objects are nested more than " + maxDepth + " levels deep";
    }

    /**
     * {@link #tooDeep} for a Jackson refusal of the nesting alone (past {@code maxDepth}, the parser's limit), or empty
     * when Jackson refused something else (a number or string too long, ...).
     */
    public static Optional<String> tooDeep(StreamConstraintsException e, int maxDepth) {
        String m = e.getMessage();
        return m != null && m.contains("nesting depth") ? Optional.of(tooDeep(maxDepth)) : Optional.empty();
    }
}
