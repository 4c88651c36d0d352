package io.wireingest.core.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The article-extraction benchmark's metric, ported from {@code score-extraction.py}: tokens are runs of word
 * characters (Python's Unicode {@code \w}: letters, numbers and the underscore, not combining marks); units are
 * shingles of 4 tokens counted as a multiset (a text of fewer than 4 tokens is one shorter shingle); per page, true
 * and false positives and false negatives are normalized by their sum so every page weighs the same; precision and
 * recall are means over the pages where they are defined, and F1 is computed from those two means.
 */
public final class ShingleMetric {
    /** Tokens per shingle. */
    public static final int SHINGLE = 4;

    private ShingleMetric() {}

    /**
     * One page's normalized counts.
     *
     * @param tp shared shingles over all counted
     * @param fp predicted shingles not in the truth over all counted
     * @param fn true shingles not predicted over all counted
     */
    public record PageScore(double tp, double fp, double fn) {
        public double precision() {
            if (fp == 0 && fn == 0) {
                return 1.0;
            }
            if (tp == 0 && fp == 0) {
                return 0.0;
            }
            return tp / (tp + fp);
        }

        public double recall() {
            if (fp == 0 && fn == 0) {
                return 1.0;
            }
            if (tp == 0 && fn == 0) {
                return 0.0;
            }
            return tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }
    }

    /**
     * Benchmark figures over pages.
     *
     * @param precision mean precision over pages with something predicted or shared
     * @param recall mean recall over pages with something true
     * @param f1 harmonic mean of those two means
     * @param pages pages scored
     */
    public record Summary(double precision, double recall, double f1, int pages) {}

    /** Python {@code re.findall(r"\w+", text)}. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int start = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int c = text.codePointAt(i);
            boolean word = isWordChar(c);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Python's {@code str.isalnum() or c == '_'}: letters (L*), numbers (Nd, Nl, No) and the underscore. */
    static boolean isWordChar(int c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        int type = Character.getType(c);
        return switch (type) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** The multiset of 4-token shingles. */
    static Map<List<String>, Integer> shingles(List<String> tokens) {
        Map<List<String>, Integer> out = new HashMap<>();
        int count = Math.max(1, tokens.size() - SHINGLE + 1);
        for (int i = 0; i < count; i++) {
            List<String> shingle = tokens.subList(i, Math.min(tokens.size(), i + SHINGLE));
            if (!shingle.isEmpty()) {
                out.merge(List.copyOf(shingle), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Scores one page's extracted text against its true text. */
    public static PageScore score(String truth, String predicted) {
        Map<List<String>, Integer> t = shingles(tokens(truth));
        Map<List<String>, Integer> p = shingles(tokens(predicted));
        Set<List<String>> keys = new HashSet<>(t.keySet());
        keys.addAll(p.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (List<String> key : keys) {
            int tc = t.getOrDefault(key, 0);
            int pc = p.getOrDefault(key, 0);
            tp += Math.min(tc, pc);
            fp += Math.max(0, pc - tc);
            fn += Math.max(0, tc - pc);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new PageScore(tp / sum, fp / sum, fn / sum) : new PageScore(tp, fp, fn);
    }

    /** The benchmark's aggregate: means of per-page precision and recall where defined, F1 of the means. */
    public static Summary aggregate(List<PageScore> pages) {
        double ps = 0;
        int pn = 0;
        double rs = 0;
        int rn = 0;
        for (PageScore s : pages) {
            if (s.tp() + s.fp() > 0) {
                ps += s.precision();
                pn++;
            }
            if (s.tp() + s.fn() > 0) {
                rs += s.recall();
                rn++;
            }
        }
        double p = pn == 0 ? 0 : ps / pn;
        double r = rn == 0 ? 0 : rs / rn;
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Summary(p, r, f, pages.size());
    }
}
