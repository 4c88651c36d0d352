package io.wireingest.core.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
 * country's state media ({@code kata media pemerintah Korut} → KCNA). One pass over each paragraph's characters finds
 * where names and state-media phrases could start; patterns run only there. Linear in the text. Thread-safe.
 */
public final class CitedSources {
    private static final AgencyDirectory AGENCIES = AgencyDirectory.standard();
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** {@link #CLASS} bit: {@link Character#isLetterOrDigit}. */
    private static final byte WORD = 1;
    /** {@link #CLASS} bit: the first character of a name form (case-sensitive, as matched). */
    private static final byte NAME_START = 2;
    /**
     * The classes of every char, so that the scan makes one table look-up per character instead of calls into
     * {@link Character}.
     */
    private static final byte[] CLASS = new byte[65536];

    /**
     * Every citeable name form, case-sensitive as printed and in capitals, grouped by the key of its first word
     * ({@link AgencyDirectory#key}), each group longest first: an open-addressing table indexed by the key's hash. A
     * word of the text is looked up by the hash computed while it is scanned, without a substring or a key string.
     */
    private static final FirstWord[] FIRST_WORDS;

    /**
     * The name forms whose first word has one key, longest first, with their canonical names.
     *
     * @param secondStarts a bit per {@code ch & 63} of the character after the separator that ends the first word,
     *     of every form longer than that: a form can match only where the text has one of them there
     * @param anyShort whether some form has no character after its first word and its separator
     */
    private record FirstWord(
            String key, int hash, String[] forms, String[] canonical, long secondStarts, boolean anyShort) {}

    static {
        for (int c = 0; c < CLASS.length; c++) {
            if (Character.isLetterOrDigit((char) c)) {
                CLASS[c] = WORD;
            }
        }
        Map<String, List<String>> byWord = new HashMap<>();
        for (AgencyDirectory.Entry e : AGENCIES.entries()) {
            for (String alias : e.aliases()) {
                boolean caps = alias.equals(alias.toUpperCase(Locale.ROOT));
                if ((caps && alias.replaceAll("[^\\p{L}]", "").length() >= 2) || alias.length() >= 4) {
                    for (String form : new LinkedHashSet<>(List.of(alias, alias.toUpperCase(Locale.ROOT)))) {
                        String key = AgencyDirectory.key(firstWord(form));
                        List<String> list = byWord.computeIfAbsent(key, k -> new ArrayList<>());
                        if (!list.contains(form)) {
                            list.add(form);
                        }
                    }
                }
            }
        }
        int size = Integer.highestOneBit(Math.max(16, byWord.size() * 4)) * 2;
        FirstWord[] table = new FirstWord[size];
        for (Map.Entry<String, List<String>> e : byWord.entrySet()) {
            List<String> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            String[] forms = sorted.toArray(String[]::new);
            String[] canonical = new String[forms.length];
            long secondStarts = 0;
            boolean anyShort = false;
            for (int k = 0; k < forms.length; k++) {
                canonical[k] = AGENCIES.canonical(forms[k]).orElse(null);
                CLASS[forms[k].charAt(0)] |= NAME_START;
                int second = firstWord(forms[k]).length() + 1;
                if (second < forms[k].length()) {
                    secondStarts |= 1L << (forms[k].charAt(second) & 63);
                } else {
                    anyShort = true;
                }
            }
            int hash = e.getKey().hashCode();
            int slot = slot(hash, size);
            while (table[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = new FirstWord(e.getKey(), hash, forms, canonical, secondStarts, anyShort);
        }
        FIRST_WORDS = table;
    }

    private static int slot(int hash, int size) {
        return (hash ^ (hash >>> 16)) & (size - 1);
    }

    /** The first word of a name form: letters, digits and inner apostrophes, dots and hyphens. */
    private static String firstWord(String form) {
        int i = 0;
        while (i < form.length()) {
            char c = form.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                i++;
            } else if (isInnerPunctuation(c)
                    && i + 1 < form.length()
                    && Character.isLetterOrDigit(form.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return form.substring(0, i);
    }

    private static boolean isInnerPunctuation(char c) {
        return c == '\'' || c == '’' || c == '.' || c == '-';
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
        Scan scan = new Scan();
        Matcher s = null;
        for (String text : paragraphs) {
            scan.read(text);
            int len = text.length();
            int from = 0;
            for (int k = 0; k < scan.stateMediaCandidates; k++) {
                int candidate = scan.stateMediaStarts[k];
                if (candidate < from) {
                    continue; // inside the phrase matched before
                }
                s = s == null ? STATE_MEDIA.matcher(text) : s.reset(text);
                if (!s.region(candidate, len).lookingAt()) {
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
                        scan.stateMedia.add(start, agency);
                    }
                }
            }
            // Both lists are in text order: merging them orders the paragraph's sources by position, a name before
            // a state-media phrase that starts at the same place.
            Hits names = scan.names;
            Hits stateMedia = scan.stateMedia;
            int a = 0;
            int b = 0;
            while (a < names.size || b < stateMedia.size) {
                String name;
                if (b == stateMedia.size || (a < names.size && names.starts[a] <= stateMedia.starts[b])) {
                    name = names.names.get(a++);
                } else {
                    name = stateMedia.names.get(b++);
                }
                if (!exclude.contains(name)) {
                    out.add(name);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * One pass over a paragraph: the known names it cites, and where a {@link #STATE_MEDIA} phrase could start. Reused
     * from paragraph to paragraph; the paragraph is copied into a plain array that the pass reads without per-character
     * checks.
     */
    private static final class Scan {
        private char[] cs = new char[256];
        private String text;
        private int len;
        final Hits names = new Hits();
        final Hits stateMedia = new Hits();
        /** Where a {@link #STATE_MEDIA} phrase could start, in text order. */
        int[] stateMediaStarts = new int[8];

        int stateMediaCandidates;

        void read(String paragraph) {
            text = paragraph;
            len = paragraph.length();
            if (cs.length < len) {
                cs = new char[Math.max(len, cs.length * 2)];
            }
            paragraph.getChars(0, len, cs, 0);
            names.clear();
            stateMedia.clear();
            stateMediaCandidates = 0;
            scan();
        }

        /**
         * Words are read once. A word whose first character starts some name form is read as firstWord reads it, its
         * directory key hashed on the way (letters and digits in lower case, {@code String.hashCode}, as
         * {@link AgencyDirectory#key} builds it), and compared with the name forms only when its key starts one. Any
         * other run of letters and digits is skipped. A state-media phrase is looked for where a word ends in white
         * space or a hyphen.
         */
        private void scan() {
            char[] cs = this.cs;
            int len = this.len;
            int i = 0;
            while (i < len) {
                char c = cs[i];
                int cls = CLASS[c];
                if ((cls & WORD) == 0) {
                    if ((c == '-' || isPatternSpace(c)) && mayEndStateMediaWord(i)) {
                        stateMediaEndingAt(i);
                    }
                    i++;
                } else if ((cls & NAME_START) == 0) {
                    // no name starts so: skip its letters and digits (a name may start after a hyphen or dot in it)
                    do {
                        i++;
                    } while (i < len && (CLASS[cs[i]] & WORD) != 0);
                } else {
                    int wordEnd = i;
                    int hash = 0;
                    while (wordEnd < len) {
                        char w = cs[wordEnd];
                        if ((CLASS[w] & WORD) != 0) {
                            hash = 31 * hash + toLowerCase(w);
                            wordEnd++;
                        } else if (isInnerPunctuation(w) && wordEnd + 1 < len && (CLASS[cs[wordEnd + 1]] & WORD) != 0) {
                            if (w == '-' && mayEndStateMediaWord(wordEnd)) {
                                stateMediaEndingAt(wordEnd);
                            }
                            wordEnd++;
                        } else {
                            break;
                        }
                    }
                    FirstWord first = firstWord(i, wordEnd, hash);
                    if (first != null) {
                        name(i, wordEnd, first);
                    }
                    i = wordEnd;
                }
            }
        }

        /**
         * Adds the longest name form of {@code first} printed at {@code start}, when the text cites it there. A form
         * that matches has the first word of the text ({@code cs[start, wordEnd)}), so the character after the next
         * one must start its second word: most words that start names ("The") are not followed by one.
         */
        private void name(int start, int wordEnd, FirstWord first) {
            if (!first.anyShort()
                    && (wordEnd + 1 >= len || (first.secondStarts() & (1L << (cs[wordEnd + 1] & 63))) == 0)) {
                return;
            }
            String[] forms = first.forms();
            for (int k = 0; k < forms.length; k++) {
                String form = forms[k];
                int end = start + form.length();
                if (startsWith(start, form) && (end == len || (CLASS[cs[end]] & WORD) == 0)) {
                    String canonical = first.canonical()[k];
                    if (canonical != null && cites(text, start, end)) {
                        names.add(start, canonical);
                    }
                    return;
                }
            }
        }

        /** The name forms whose first word's key is the key of {@code cs[from, to)} (with hash {@code hash}), or null. */
        private FirstWord firstWord(int from, int to, int hash) {
            int mask = FIRST_WORDS.length - 1;
            for (int slot = slot(hash, FIRST_WORDS.length); FIRST_WORDS[slot] != null; slot = (slot + 1) & mask) {
                FirstWord w = FIRST_WORDS[slot];
                if (w.hash() == hash && hasKey(from, to, w.key())) {
                    return w;
                }
            }
            return null;
        }

        /** True when the letters and digits of {@code cs[from, to)}, in lower case, spell {@code key}. */
        private boolean hasKey(int from, int to, String key) {
            int k = 0;
            for (int i = from; i < to; i++) {
                char c = cs[i];
                if ((CLASS[c] & WORD) != 0) {
                    if (k == key.length() || toLowerCase(c) != key.charAt(k)) {
                        return false;
                    }
                    k++;
                }
            }
            return k == key.length();
        }

        /** {@code text.startsWith(form, at)}, the last character compared first. */
        private boolean startsWith(int at, String form) {
            int n = form.length();
            if (at + n > len || cs[at + n - 1] != form.charAt(n - 1)) {
                return false;
            }
            for (int k = 0; k < n - 1; k++) {
                if (cs[at + k] != form.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A first test for {@link #stateMediaEndingAt}, small enough to be inlined in the scan: the first and last
         * letters of all four words compared at once, without a branch for each. Words end all the time.
         */
        private boolean mayEndStateMediaWord(int end) {
            if (end < 8) {
                return end >= 5;
            }
            int last = cs[end - 1] | 0x20;
            int first5 = cs[end - 5] | 0x20;
            return (last == 'a' & first5 == 'm')
                    | (last == 'e' & first5 == 's')
                    | (last == 'r' & (cs[end - 6] | 0x20) == 'k')
                    | (last == 'l' & (cs[end - 8] | 0x20) == 'o');
        }

        /**
         * Notes where a {@link #STATE_MEDIA} phrase could start when a word ending before {@code cs[end]} is "media",
         * "state", "kantor" or "official", as the pattern needs: every phrase starts with one of them followed by white
         * space, or by a hyphen after "state" ("state-run"). Where the pattern does not match, so does it not here: the
         * pattern is tried at these places only, with {@code lookingAt}.
         */
        private void stateMediaEndingAt(int end) {
            if (end < 5) {
                return;
            }
            // The first, second, third and last letters are ASCII letters that only themselves and their capitals match
            // case-blind, so (ch | 0x20) compares them exactly.
            int last = cs[end - 1] | 0x20;
            int w = last < STATE_WORD_BY_LAST.length ? STATE_WORD_BY_LAST[last] : -1;
            if (w < 0) {
                return;
            }
            String word = STATE_WORDS[w];
            int start = end - word.length();
            if (start < 0
                    || (cs[start] | 0x20) != word.charAt(0)
                    || (cs[start + 1] | 0x20) != word.charAt(1)
                    || (cs[start + 2] | 0x20) != word.charAt(2)
                    || (cs[end] == '-' && w != STATE)) {
                return;
            }
            if (text.regionMatches(true, start, word, 0, word.length())) {
                if (stateMediaCandidates == stateMediaStarts.length) {
                    stateMediaStarts = Arrays.copyOf(stateMediaStarts, stateMediaCandidates * 2);
                }
                stateMediaStarts[stateMediaCandidates++] = start;
            }
        }
    }

    /** The words every {@link #STATE_MEDIA} phrase starts with; which of them ends in a letter (lower case). */
    private static final String[] STATE_WORDS = {"media", "state", "kantor", "official"};

    private static final int STATE = 1;
    private static final byte[] STATE_WORD_BY_LAST = new byte[128];

    static {
        Arrays.fill(STATE_WORD_BY_LAST, (byte) -1);
        for (int w = 0; w < STATE_WORDS.length; w++) {
            STATE_WORD_BY_LAST[STATE_WORDS[w].charAt(STATE_WORDS[w].length() - 1)] = (byte) w;
        }
    }

    private static char toLowerCase(char c) {
        return c < 128 ? ASCII_LOWER[c] : Character.toLowerCase(c);
    }

    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = 0; c < ASCII_LOWER.length; c++) {
            ASCII_LOWER[c] = Character.toLowerCase(c);
        }
    }

    /** What {@code \\s} matches in a pattern without UNICODE_CHARACTER_CLASS. */
    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** Positions in a paragraph, in text order, each with a name. */
    private static final class Hits {
        int[] starts = new int[8];
        final List<String> names = new ArrayList<>();
        int size;

        void add(int start, String name) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
            }
            starts[size++] = start;
            names.add(name);
        }

        void clear() {
            size = 0;
            names.clear();
        }
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
