package io.wireingest.core.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectLanguageTest {
    private static final String INDONESIAN =
            "Pemerintah provinsi menyatakan bahwa jalan tol baru itu akan dibuka untuk umum pada bulan depan karena "
                    + "pembangunan jembatan sudah selesai, kata pejabat dinas pekerjaan umum kepada wartawan di kantornya.";
    private static final String MALAY =
            "Kerajaan negeri menjelaskan bahawa lebuh raya baharu itu akan dibuka kepada orang ramai bulan hadapan "
                    + "kerana pembinaan jambatan telah siap, kata pegawai jabatan kerja raya kepada pemberita semalam.";
    private static final String ENGLISH =
            "The provincial government said the new toll road would open to the public next month because work on "
                    + "the bridge had been completed, an official of the public works office told reporters.";

    @ParameterizedTest
    @CsvSource({"id,INDONESIAN", "ms,MALAY", "en,ENGLISH"})
    void tellsIndonesianMalayAndEnglishApart(String expected, String which) {
        String text = Map.of("INDONESIAN", INDONESIAN, "MALAY", MALAY, "ENGLISH", ENGLISH)
                .get(which);
        assertThat(DetectLanguage.detect(text)).isEqualTo(expected);
    }

    @Test
    void theEnvelopeDeclarationWins() {
        Story story = new Story(WireFormat.TEXT).language("en");
        story.addParagraph(INDONESIAN);
        RawItem raw = new RawItem(
                "id",
                "f",
                "text/plain",
                Instant.EPOCH,
                null,
                "ms",
                Map.of(),
                "x".getBytes(StandardCharsets.UTF_8),
                null);
        new DetectLanguage().apply(story, new ItemContext(raw, Limits.DEFAULT));
        assertThat(story.language()).isEqualTo("ms");
    }

    @Test
    void theSourceDeclarationWinsOverDetection() {
        Story story = new Story(WireFormat.HTML).language("en-GB");
        story.addParagraph(INDONESIAN);
        RawItem raw = RawItem.of("id", "f", "text/html", Instant.EPOCH, "x".getBytes(StandardCharsets.UTF_8));
        new DetectLanguage().apply(story, new ItemContext(raw, Limits.DEFAULT));
        assertThat(story.language()).isEqualTo("en-GB");
    }

    @Test
    void tooLittleTextIsNotGuessed() {
        assertThat(DetectLanguage.detect("OK.")).isNull();
        Story story = new Story(WireFormat.TEXT);
        story.addParagraph("12:30");
        RawItem raw = RawItem.of("id", "f", "text/plain", Instant.EPOCH, "x".getBytes(StandardCharsets.UTF_8));
        new DetectLanguage().apply(story, new ItemContext(raw, Limits.DEFAULT));
        assertThat(story.language()).isNull();
        assertThat(story.warnings()).isNotEmpty();
    }

    @Test
    void aSourceDeclarationThatIsNoLanguageTagIsReplacedByDetection() {
        // found by MutatedFixturesTest: a corrupt xml:lang reached the article and failed the schema
        Story story = new Story(WireFormat.NITF).language("x".repeat(5000) + "en");
        story.addParagraph(ENGLISH);
        RawItem raw = RawItem.of("id", "f", null, Instant.EPOCH, "x".getBytes(StandardCharsets.UTF_8));
        new DetectLanguage().apply(story, new ItemContext(raw, Limits.DEFAULT));
        assertThat(story.language()).isEqualTo("en");
        assertThat(story.warnings()).anyMatch(w -> w.startsWith("source language not understood"));

        Story underscored = new Story(WireFormat.NITF).language("en_US");
        underscored.addParagraph(ENGLISH);
        new DetectLanguage().apply(underscored, new ItemContext(raw, Limits.DEFAULT));
        assertThat(underscored.language()).isEqualTo("en-US");
    }
}
