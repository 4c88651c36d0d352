package io.wireingest.core.language;

import static org.assertj.core.api.Assertions.assertThat;

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
}
