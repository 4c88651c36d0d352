package io.wireingest.core.attribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sources a story's text quotes: a known agency or paper named where the text attributes something to it
 * ({@code menurut KCNA}, {@code according to Xinhua}, {@code People's Daily reported}, {@code KCNA menyebutkan}), and a
 * country's state media ({@code kata media pemerintah Korut} → KCNA). One precompiled pattern of every name; linear in
 * the text. Thread-safe.
 */
public final class CitedSources {
    private static final AgencyDirectory AGENCIES = AgencyDirectory.standard();
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** Every citeable name, case-sensitive as printed (and in capitals), longest first. */
    private static final Pattern NAMES;

    static {
        Set<String> names = new LinkedHashSet<>();
        for (AgencyDirectory.Entry e : AGENCIES.entries()) {
            for (String alias : e.aliases()) {
                boolean caps = alias.equals(alias.toUpperCase(Locale.ROOT));
                if ((caps && alias.replaceAll("[^\\p{L}]", "").length() >= 2) || alias.length() >= 4) {
                    names.add(alias);
                    names.add(alias.toUpperCase(Locale.ROOT));
                }
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder sb = new StringBuilder("(?<![\\p{L}\\d])(?:");
        for (int i = 0; i < sorted.size(); i++) {
            sb.append(i == 0 ? "" : "|").append(Pattern.quote(sorted.get(i)));
        }
        NAMES = Pattern.compile(sb.append(")(?![\\p{L}\\d])").toString());
    }

    /** Words before a name that attribute to it, within its sentence. */
    private static final Pattern BEFORE = Pattern.compile(
            "(?:menurut|according\\s+to|kata|ujar|tutur|dilaporkan|dikutip(?:\\s+dari)?|mengutip|dilansir|melansir"
                    + "|memetik|quoted|quoting|citing|cited\\s+by|reported\\s+by|seperti\\s+diberitakan"
                    + "|sebagaimana\\s+dilaporkan|dalam\\s+laporan|laporan|lapor|kata\\s+laporan|told\\s+by)(?![\\p{L}])",
            FLAGS);
    /** Verbs after a name that attribute to it. */
    private static final Pattern AFTER = Pattern.compile(
            "^[^.!?]{0,40}?(?<![\\p{L}])(?:said|says|reported|reports|quoted|cited|wrote|added|announced|menyebutkan"
                    + "|menyebut|melaporkan|memberitakan|mengatakan|menyatakan|mengutip|menulis|lapor|melapor|berkata"
                    + "|melaporkan|mewartakan|menambahkan|tambah)(?![\\p{L}])",
            FLAGS);

    private static final Pattern STATE_MEDIA = Pattern.compile(
            "(?:media\\s+(?:pemerintah|negara|resmi|rasmi|milik\\s+negara|corong)|state(?:-run|-owned|-controlled)?\\s+"
                    + "(?:media|news\\s+agency|television|broadcaster|press)|kantor\\s+berita\\s+(?:resmi|pemerintah|negara)"
                    + "|official\\s+(?:news\\s+agency|media))",
            FLAGS);
    private static final Map<String, String> STATE_COUNTRIES = Map.ofEntries(
            Map.entry("korea utara", "KP"),
            Map.entry("korut", "KP"),
            Map.entry("north korea", "KP"),
            Map.entry("north korean", "KP"),
            Map.entry("north korea's", "KP"),
            Map.entry("pyongyang", "KP"),
            Map.entry("dprk", "KP"),
            Map.entry("china", "CN"),
            Map.entry("chinese", "CN"),
            Map.entry("china's", "CN"),
            Map.entry("tiongkok", "CN"),
            Map.entry("beijing", "CN"),
            Map.entry("vietnam", "VN"),
            Map.entry("vietnamese", "VN"),
            Map.entry("laos", "LA"),
            Map.entry("iran", "IR"),
            Map.entry("iranian", "IR"),
            Map.entry("iran's", "IR"),
            Map.entry("syria", "SY"),
            Map.entry("syrian", "SY"),
            Map.entry("suriah", "SY"),
            Map.entry("russia", "RU"),
            Map.entry("russian", "RU"),
            Map.entry("rusia", "RU"),
            Map.entry("myanmar", "MM"),
            Map.entry("cuba", "CU"),
            Map.entry("cuban", "CU"),
            Map.entry("kuba", "CU"),
            Map.entry("belarus", "BY"),
            Map.entry("belarusian", "BY"));
    private static final Pattern COUNTRY = Pattern.compile(
            "(?<![\\p{L}])(?:"
                    + String.join(
                            "|",
                            STATE_COUNTRIES.keySet().stream()
                                    .sorted(Comparator.comparingInt(String::length)
                                            .reversed())
                                    .map(k -> k.replace(" ", "\\s+").replace("'", "['’]"))
                                    .toList())
                    + ")(?![\\p{L}])",
            FLAGS);

    private CitedSources() {}

    /**
     * The sources the paragraphs cite, canonical names in order of first mention, leaving out the given names (the
     * story's own agencies).
     */
    public static List<String> find(List<String> paragraphs, Collection<String> exclude) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : paragraphs) {
            List<int[]> hits = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Matcher m = NAMES.matcher(text);
            while (m.find()) {
                String canonical = AGENCIES.canonical(m.group()).orElse(null);
                if (canonical != null && cites(text, m.start(), m.end())) {
                    hits.add(new int[] {m.start()});
                    names.add(canonical);
                }
            }
            Matcher s = STATE_MEDIA.matcher(text);
            while (s.find()) {
                String code = stateCountry(text, s.start(), s.end());
                if (code != null && cites(text, s.start(), s.end())) {
                    String agency = AGENCIES.stateAgency(code).orElse(null);
                    if (agency != null) {
                        hits.add(new int[] {s.start()});
                        names.add(agency);
                    }
                }
            }
            Integer[] order = new Integer[hits.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingInt(i -> hits.get(i)[0]));
            for (Integer i : order) {
                if (!exclude.contains(names.get(i))) {
                    out.add(names.get(i));
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean cites(String text, int start, int end) {
        int sentence = Math.max(
                Math.max(text.lastIndexOf(". ", start), text.lastIndexOf("! ", start)), text.lastIndexOf("? ", start));
        int from = Math.max(sentence + 1, start - 120);
        Matcher before = BEFORE.matcher(text).region(Math.max(0, from), start);
        if (before.find()) {
            return true;
        }
        return AFTER.matcher(text)
                .region(end, Math.min(text.length(), end + 60))
                .lookingAt();
    }

    private static String stateCountry(String text, int start, int end) {
        Matcher after = COUNTRY.matcher(text).region(end, Math.min(text.length(), end + 30));
        if (after.find() && text.substring(end, after.start()).strip().split("\\s+").length <= 2) {
            return STATE_COUNTRIES.get(after.group()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("\\s+", " ")
                    .replace('’', '\''));
        }
        Matcher before = COUNTRY.matcher(text).region(Math.max(0, start - 30), start);
        String code = null;
        while (before.find()) {
            if (text.substring(before.end(), start).strip().split("\\s+").length <= 2) {
                code = STATE_COUNTRIES.get(before.group()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\s+", " ")
                        .replace('’', '\''));
            }
        }
        return code;
    }
}
