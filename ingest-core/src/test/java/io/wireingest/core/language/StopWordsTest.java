package io.wireingest.core.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StopWordsTest {
    @Test
    void englishNewsCopyIsDecidedWithoutTheDetector() {
        String text = "The provincial government said the new toll road would open to the public next month because"
                + " work on the bridge had been completed, and an official of the public works office told reporters"
                + " that traffic was expected to ease after the holiday.";
        assertThat(StopWords.decide(text)).isEqualTo(StopWords.Verdict.ENGLISH);
    }

    @Test
    void indonesianAndMalayCopyIsOneGroup() {
        String indonesian = "Pemerintah provinsi menyatakan bahwa jalan tol baru itu akan dibuka untuk umum pada bulan"
                + " depan karena pembangunan jembatan sudah selesai, kata pejabat dinas kepada wartawan.";
        String malay = "Kerajaan negeri menjelaskan bahawa lebuh raya baharu itu akan dibuka kepada orang ramai bulan"
                + " hadapan kerana pembinaan jambatan telah siap, kata pegawai jabatan kepada pemberita.";
        assertThat(StopWords.decide(indonesian)).isEqualTo(StopWords.Verdict.INDONESIAN_OR_MALAY);
        assertThat(StopWords.decide(malay)).isEqualTo(StopWords.Verdict.INDONESIAN_OR_MALAY);
    }

    @Test
    void otherLatinLanguagesAreLeftToTheDetector() {
        String french = "Le gouvernement provincial a annoncé que la nouvelle route sera ouverte le mois prochain, et"
                + " les travaux du pont sont terminés selon un responsable des travaux publics.";
        String dutch = "De provinciale overheid zei dat de nieuwe weg volgende maand opengaat, en het werk aan de brug"
                + " is klaar volgens een woordvoerder van de dienst.";
        assertThat(StopWords.decide(french)).isEqualTo(StopWords.Verdict.UNSURE);
        assertThat(StopWords.decide(dutch)).isEqualTo(StopWords.Verdict.UNSURE);
    }

    @Test
    void mixedOrShortTextIsLeftToTheDetector() {
        assertThat(StopWords.decide("The bridge and the road.")).isEqualTo(StopWords.Verdict.UNSURE);
        String mixed = "The minister said that the road was ready. Menteri mengatakan bahwa jalan itu sudah siap untuk"
                + " dibuka dan akan diresmikan pada bulan depan oleh presiden.";
        assertThat(StopWords.decide(mixed)).isEqualTo(StopWords.Verdict.UNSURE);
    }

    @Test
    void otherScriptsAreLeftToTheDetector() {
        String korean = "정부는 새 유료도로가 다음 달 개통된다고 밝혔다. The road was built by the province and the"
                + " ministry, and it will be opened to the public after the holiday, the official said.";
        assertThat(StopWords.decide(korean)).isEqualTo(StopWords.Verdict.UNSURE);
    }

    @Test
    void decidesAsTheStringPerWordLookupDid() {
        // Stop words of each group in several cases, words that start or contain one, long words, other scripts.
        String[] vocabulary = (StopWords.ENGLISH + " " + StopWords.INDONESIAN_MALAY + " " + StopWords.OTHER_LATIN
                        + " The AND Of YANG Dengan LES Der và CỦA there andalan thesis kepadanya untukmu dari2"
                        + " sebagaimana kerananya withdrawn bridge jalan road pemerintah 2026 x-ray it's l'état"
                        + " 정부는 새 도로 道路 дорога ถนน naïve Ärger straße")
                .split(" ");
        String[] separators = {" ", " ", " ", ", ", ". ", "-", "\u00A0", "'", "\n", "“", "”", " — ", "3"};
        Random random = new Random(42);
        Map<StopWords.Verdict, Integer> verdicts = new EnumMap<>(StopWords.Verdict.class);
        for (int t = 0; t < 20_000; t++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(90);
            // a bias per text towards one part of the vocabulary, so that every verdict comes up
            int from = random.nextInt(vocabulary.length);
            for (int w = 0; w < words; w++) {
                int k = random.nextInt(3) == 0
                        ? random.nextInt(vocabulary.length)
                        : (from + random.nextInt(25)) % vocabulary.length;
                text.append(vocabulary[k]).append(separators[random.nextInt(separators.length)]);
            }
            String sample = text.toString();
            StopWords.Verdict expected = referenceDecide(sample);
            assertThat(StopWords.decide(sample)).as(sample).isEqualTo(expected);
            verdicts.merge(expected, 1, Integer::sum);
        }
        assertThat(verdicts).containsOnlyKeys(StopWords.Verdict.values());
    }

    // The decision as StopWords made it before it hashed words while reading them, on its word lists.
    private static final Map<String, Integer> GROUP = new HashMap<>();

    static {
        for (String w : StopWords.ENGLISH.split(" ")) {
            GROUP.put(w, 0);
        }
        for (String w : StopWords.INDONESIAN_MALAY.split(" ")) {
            GROUP.put(w, 1);
        }
        for (String w : StopWords.OTHER_LATIN.split(" ")) {
            GROUP.put(w, 2);
        }
    }

    private static StopWords.Verdict referenceDecide(String text) {
        int[] hits = new int[3];
        int latinLetters = 0;
        int otherLetters = 0;
        StringBuilder word = new StringBuilder(16);
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                if (c < 0x250) {
                    latinLetters++;
                } else if (c < 0x1E00 || c > 0x1EFF) {
                    otherLetters++;
                } else {
                    latinLetters++;
                }
                word.append(Character.toLowerCase(c));
            } else if (word.length() > 0) {
                if (word.length() <= 8) {
                    Integer group = GROUP.get(word.toString());
                    if (group != null) {
                        hits[group]++;
                    }
                }
                word.setLength(0);
            }
        }
        if (otherLetters * 20 > latinLetters) {
            return StopWords.Verdict.UNSURE;
        }
        if (hits[0] >= StopWords.MIN_HITS && hits[0] >= StopWords.DOMINANCE * (hits[1] + hits[2])) {
            return StopWords.Verdict.ENGLISH;
        }
        if (hits[1] >= StopWords.MIN_HITS && hits[1] >= StopWords.DOMINANCE * (hits[0] + hits[2])) {
            return StopWords.Verdict.INDONESIAN_OR_MALAY;
        }
        return StopWords.Verdict.UNSURE;
    }
}
