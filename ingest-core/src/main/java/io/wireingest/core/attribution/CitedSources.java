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

    /**
     * Every citeable name, case-sensitive as printed and in capitals, by the key of its first word; each list longest
     * first. Looking names up at word starts keeps the scan linear in the text, whatever the size of the directory.
     */
    private static final Map<String, List<String>> NAMES_BY_FIRST_WORD;

    static {
        Map<String, List<String>> byWord = new java.util.HashMap<>();
        for (AgencyDirectory.Entry e : AGENCIES.entries()) {
            for (String alias : e.aliases()) {
                boolean caps = alias.equals(alias.toUpperCase(Locale.ROOT));
                if ((caps && alias.replaceAll("[^\\p{L}]", "").length() >= 2) || alias.length() >= 4) {
                    for (String form : new LinkedHashSet<>(List.of(alias, alias.toUpperCase(Locale.ROOT)))) {
                        String key = AgencyDirectory.key(firstWord(form, 0));
                        List<String> list = byWord.computeIfAbsent(key, k -> new ArrayList<>());
                        if (!list.contains(form)) {
                            list.add(form);
                        }
                    }
                }
            }
        }
        byWord.values()
                .forEach(l -> l.sort(Comparator.comparingInt(String::length).reversed()));
        byWord.replaceAll((k, v) -> List.copyOf(v));
        NAMES_BY_FIRST_WORD = Map.copyOf(byWord);
        boolean[] first = new boolean[65536];
        for (List<String> forms : byWord.values()) {
            for (String form : forms) {
                first[form.charAt(0)] = true;
            }
        }
        FIRST_CHARS = first;
    }

    /** The first characters of every name form (case-sensitive, as matched): a cheap test before a word is keyed. */
    private static final boolean[] FIRST_CHARS;

    /** The word starting at {@code from}: letters, digits and inner apostrophes, dots and hyphens. */
    private static String firstWord(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                i++;
            } else if ((c == '\'' || c == '’' || c == '.' || c == '-')
                    && i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return text.substring(from, i);
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
        return find(paragraphs, exclude, null);
    }

    /**
     * As {@link #find(List, Collection)}; "state media" that names no country means the state media of
     * {@code datelineCountry} (ISO code of the dateline's place), when given.
     */
    public static List<String> find(List<String> paragraphs, Collection<String> exclude, String datelineCountry) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : paragraphs) {
            List<int[]> hits = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int len = text.length();
            for (int i = 0; i < len; i++) {
                if (!Character.isLetterOrDigit(text.charAt(i))
                        || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                    continue;
                }
                if (!FIRST_CHARS[text.charAt(i)]) {
                    continue;
                }
                String word = firstWord(text, i);
                List<String> candidates = NAMES_BY_FIRST_WORD.get(AgencyDirectory.key(word));
                if (candidates == null) {
                    i += word.length();
                    continue;
                }
                for (String name : candidates) {
                    int end = i + name.length();
                    if (text.startsWith(name, i) && (end == len || !Character.isLetterOrDigit(text.charAt(end)))) {
                        String canonical = AGENCIES.canonical(name).orElse(null);
                        if (canonical != null && cites(text, i, end)) {
                            hits.add(new int[] {i});
                            names.add(canonical);
                        }
                        break;
                    }
                }
                i += Math.max(0, word.length() - 1);
            }
            Matcher s = STATE_MEDIA.matcher(text);
            int from = 0;
            while ((from = nextStateMediaStart(text, from)) >= 0) {
                if (!s.region(from, len).lookingAt()) {
                    from++;
                    continue;
                }
                int start = s.start();
                int end = s.end();
                from = end;
                String code = stateCountry(text, start, end);
                if (code == null) {
                    code = datelineCountry;
                }
                if (code != null && cites(text, start, end)) {
                    String agency = AGENCIES.stateAgency(code).orElse(null);
                    if (agency != null) {
                        hits.add(new int[] {start});
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

    /**
     * The next position at or after {@code from} where a {@link #STATE_MEDIA} phrase could start: every phrase starts
     * with "media", "state", "kantor" or "official". Trying the pattern only there, with {@code lookingAt}, finds the
     * same matches as {@code find()} without running the case-insensitive alternation at every character.
     */
    private static int nextStateMediaStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == 'm' || c == 'M') && text.regionMatches(true, i, "media", 0, 5)
                    || (c == 's' || c == 'S') && text.regionMatches(true, i, "state", 0, 5)
                    || (c == 'k' || c == 'K') && text.regionMatches(true, i, "kantor", 0, 6)
                    || (c == 'o' || c == 'O') && text.regionMatches(true, i, "official", 0, 8)) {
                return i;
            }
        }
        return -1;
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
