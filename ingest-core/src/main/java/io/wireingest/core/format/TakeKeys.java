package io.wireingest.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads agency take keys ({@code 1stLd-Writethru}, {@code 2nd Ld-Writethru}, {@code REFILE 1ST LEAD},
 * {@code UPDATE 2}, {@code CORRECTED}, {@code EXTRA}) from header fields and sluglines, and the signals they carry:
 * {@code update}, {@code correction}, {@code kill}, {@code refile}, {@code urgent}.
 */
public final class TakeKeys {
    private static final Pattern LEAD =
            Pattern.compile("(\\d+)\\s*(?:st|nd|rd|th)\\s*(?:ld|lead)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern KNOWN = Pattern.compile(
            "(?:\\d+\\s*(?:st|nd|rd|th)\\s*(?:ld|lead)\\b.*|.*\\bwrite-?thru\\b.*|.*\\brefiled?\\b.*"
                    + "|update\\s*\\d*|.*\\bcorrect(?:ed|ion|s)?\\b.*|.*\\b(?:kill|withdrawn?|elimination|mandatory)\\b.*"
                    + "|urgent|bulletin|flash|extra|eil|eilt|advisory|adv\\d*|sub|insert|add\\s*\\d*|\\d+\\s*(?:st|nd|rd|th)\\s*add)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_PARENS = Pattern.compile("^(.*?)\\s*\\(([^()]+)\\)\\s*$");

    private static final int MAX_KEY = 80;
    private static final int MAX_SLUGLINE = 300;

    private TakeKeys() {}

    /** Whether a string reads as a take key. */
    public static boolean isTakeKey(String s) {
        // Take keys are short; the length cap also keeps the patterns linear on hostile input.
        return s != null
                && !s.isBlank()
                && s.length() <= MAX_KEY
                && KNOWN.matcher(s.strip()).matches();
    }

    /**
     * Splits a slugline into its base and take key: {@code BC-US--Earns-X, 1st Ld-Writethru} and
     * {@code GLOBAL-PRECIOUS/ (UPDATE 1)} carry one. Returns {@code [base, key]}, key null when there is none.
     */
    public static String[] splitSlugline(String slugline) {
        if (slugline == null) {
            return new String[] {null, null};
        }
        String s = slugline.strip();
        if (s.length() > MAX_SLUGLINE) {
            return new String[] {s, null};
        }
        Matcher parens = TRAILING_PARENS.matcher(s);
        if (parens.matches() && isTakeKey(parens.group(2))) {
            return new String[] {parens.group(1).strip(), parens.group(2).strip()};
        }
        int comma = s.lastIndexOf(',');
        if (comma > 0 && isTakeKey(s.substring(comma + 1))) {
            return new String[] {
                s.substring(0, comma).strip(), s.substring(comma + 1).strip()
            };
        }
        return new String[] {s, null};
    }

    /** The signals a take key carries, in a fixed order, without duplicates. */
    public static List<String> signals(String takeKey) {
        List<String> out = new ArrayList<>();
        if (takeKey == null) {
            return out;
        }
        if (takeKey.length() > MAX_KEY) {
            return out;
        }
        String k = takeKey.toLowerCase(Locale.ROOT);
        if (LEAD.matcher(k).find() || k.contains("writethru") || k.contains("write-thru") || k.startsWith("update")) {
            out.add("update");
        }
        if (k.matches(".*\\bcorrect(?:ed|ion|s)?\\b.*")) {
            out.add("correction");
        }
        if (k.matches(".*\\b(?:kill|withdrawn?|elimination)\\b.*")) {
            out.add("kill");
        }
        if (k.matches(".*\\brefiled?\\b.*")) {
            out.add("refile");
        }
        if (k.matches("(?:urgent|bulletin|flash|extra|eil|eilt)")) {
            out.add("urgent");
        }
        return out;
    }

    /** The version a lead number implies: the Nth lead is version N+1; null when the key names no lead. */
    public static String versionOf(String takeKey) {
        if (takeKey == null) {
            return null;
        }
        Matcher m = LEAD.matcher(takeKey);
        if (m.find()) {
            try {
                return Integer.toString(Integer.parseInt(m.group(1)) + 1);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Adds each signal of the key to the list unless already there. */
    public static void addSignals(String takeKey, List<String> signals) {
        for (String s : signals(takeKey)) {
            if (!signals.contains(s)) {
                signals.add(s);
            }
        }
    }
}
