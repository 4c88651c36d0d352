package io.wireingest.core.language;

/**
 * A quick, conservative language decision from function words, before the statistical detector. It counts the words
 * of the sample that are frequent function words of English, of Indonesian/Malay, or of the other Latin-script
 * languages the detector knows (French, German, Spanish, Portuguese, Italian, Dutch, Tagalog, Vietnamese), and answers
 * only when one group clearly dominates a sample written in Latin letters; otherwise {@link Verdict#UNSURE}. No word
 * of one list is a common word of another group's languages (no {@code di}, {@code at}, {@code para}, {@code on}).
 */
final class StopWords {
    /** The answer: a clear group, or unsure (the detector must decide). */
    enum Verdict {
        ENGLISH,
        INDONESIAN_OR_MALAY,
        UNSURE
    }

    /** Hits of the winning group needed before it can win at all. */
    static final int MIN_HITS = 6;

    /** The winning group needs this many times the hits of all other groups together. */
    static final int DOMINANCE = 5;

    private static final byte EN = 0;
    private static final byte IDMS = 1;
    private static final byte OTHER = 2;

    /** The stop words of each group, space-separated (package-private for the tests' reference decision). */
    static final String ENGLISH = "the and of to that was for with said from has have were are his their which"
            + " this will been would after its they not but who had";

    static final String INDONESIAN_MALAY = "yang dan dengan untuk dari pada dalam tidak akan oleh juga telah ini"
            + " itu ke mereka sebagai atau bagi tersebut kepada lebih sudah masih karena kerana bahwa bahawa";
    static final String OTHER_LATIN = "le la les des du est une et der die das und ist nicht mit el los las"
            + " que por con del il che della per non het een van ng mga ang de en"
            + " và của là được những";

    /**
     * The stop words by group, in an open-addressed table keyed by {@link String#hashCode}: {@link #decide} hashes each
     * word while reading it and compares characters only on a hash match, so it makes no string per word of the sample.
     * A power of two, under a quarter full.
     */
    private static final int TABLE_SIZE = 512;

    private static final String[] WORDS = new String[TABLE_SIZE];
    private static final byte[] GROUPS = new byte[TABLE_SIZE];

    /** The longest word looked up: no stop word is longer. */
    private static final int MAX_WORD = 8;

    static {
        put(ENGLISH, EN);
        put(INDONESIAN_MALAY, IDMS);
        put(OTHER_LATIN, OTHER);
    }

    private StopWords() {}

    private static void put(String words, byte group) {
        for (String w : words.split(" ")) {
            if (w.length() > MAX_WORD) {
                throw new IllegalStateException("stop word longer than " + MAX_WORD + " chars: " + w);
            }
            int slot = slot(w.hashCode());
            while (WORDS[slot] != null) {
                if (WORDS[slot].equals(w)) {
                    throw new IllegalStateException("stop word in two groups: " + w);
                }
                slot = (slot + 1) & (TABLE_SIZE - 1);
            }
            WORDS[slot] = w;
            GROUPS[slot] = group;
        }
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (TABLE_SIZE - 1);
    }

    /** The group of the word {@code word[0, length)}, whose {@link String#hashCode} is {@code hash}, or -1. */
    private static int group(char[] word, int length, int hash) {
        for (int slot = slot(hash); WORDS[slot] != null; slot = (slot + 1) & (TABLE_SIZE - 1)) {
            String w = WORDS[slot];
            if (w.hashCode() == hash && spells(word, length, w)) {
                return GROUPS[slot];
            }
        }
        return -1;
    }

    private static boolean spells(char[] word, int length, String w) {
        if (w.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (word[k] != w.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The quick decision for a sample of text (a few hundred characters of headline and body). */
    static Verdict decide(String text) {
        int[] hits = new int[3];
        int latinLetters = 0;
        int otherLetters = 0;
        char[] word = new char[MAX_WORD]; // the word's first chars, in lower case
        int length = 0; // the word's length so far, also beyond MAX_WORD
        int hash = 0; // String.hashCode of the lower-case word so far
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                if (c < 0x250) {
                    latinLetters++;
                } else if (c < 0x1E00 || c > 0x1EFF) { // Latin Extended Additional (Vietnamese) counts as Latin
                    otherLetters++;
                } else {
                    latinLetters++;
                }
                char lower = Character.toLowerCase(c);
                if (length < MAX_WORD) {
                    word[length] = lower;
                }
                length++;
                hash = 31 * hash + lower;
            } else if (length > 0) {
                if (length <= MAX_WORD) {
                    int group = group(word, length, hash);
                    if (group >= 0) {
                        hits[group]++;
                    }
                }
                length = 0;
                hash = 0;
            }
        }
        if (otherLetters * 20 > latinLetters) {
            return Verdict.UNSURE; // another script, or a good part of one: the detector knows scripts
        }
        if (hits[EN] >= MIN_HITS && hits[EN] >= DOMINANCE * (hits[IDMS] + hits[OTHER])) {
            return Verdict.ENGLISH;
        }
        if (hits[IDMS] >= MIN_HITS && hits[IDMS] >= DOMINANCE * (hits[EN] + hits[OTHER])) {
            return Verdict.INDONESIAN_OR_MALAY;
        }
        return Verdict.UNSURE;
    }
}
