package io.wireingest.core.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.wireingest.core.format.TextBlocks;
import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.pipeline.StoryStage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets the story's language: the envelope's declaration wins, then what the source format declared, else detection
 * with Lingua over the headline and the first part of the body. Indonesian and Malay share most of their vocabulary,
 * so when the detector hesitates between them, words that differ between the two standards decide.
 *
 * <p>Lingua costs about half a millisecond per item. Most agency copy is plainly English or plainly Indonesian/Malay,
 * which the function words of a paragraph settle for a few microseconds ({@link StopWords}); Lingua reads only the
 * rest (other languages and scripts, short or mixed text, Indonesian and Malay that the marker words do not tell
 * apart clearly).
 */
public final class DetectLanguage implements StoryStage {
    /** Languages the detector considers; only their models are loaded (and shaded into the worker jar). */
    public static final Set<Language> LANGUAGES = EnumSet.of(
            Language.ENGLISH,
            Language.INDONESIAN,
            Language.MALAY,
            Language.TAGALOG,
            Language.VIETNAMESE,
            Language.THAI,
            Language.CHINESE,
            Language.JAPANESE,
            Language.KOREAN,
            Language.ARABIC,
            Language.RUSSIAN,
            Language.FRENCH,
            Language.GERMAN,
            Language.SPANISH,
            Language.PORTUGUESE,
            Language.ITALIAN,
            Language.DUTCH);

    /**
     * Characters of headline and body the detector reads: news paragraphs settle the language well before this, and
     * detection cost grows with the sample.
     */
    private static final int SAMPLE_CHARS = 500;

    // Words standard Malay uses where Indonesian says something else, and the reverse.
    private static final Pattern MALAY_MARKERS = Pattern.compile(
            "\\b(?:kerana|bahawa|daripada|beliau|ialah|kerajaan|semalam|iaitu|kenyataan|polis|wang|bagaimanapun|"
                    + "selepas|manakala|mahkamah|pihak berkuasa|berkata|ogos|mac|jabatan|tahun lepas|sahaja|pegawai|"
                    + "hospital|bas|kereta|menerusi|dilaporkan berkata)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INDONESIAN_MARKERS = Pattern.compile(
            "\\b(?:karena|bahwa|pemerintah|kemarin|yaitu|polisi|uang|setelah|pengadilan|otoritas|agustus|maret|"
                    + "saja|rumah sakit|mobil|mengatakan|kantor berita|tahun lalu|sejumlah|melalui|pihaknya)\\b",
            Pattern.CASE_INSENSITIVE);

    private static volatile LanguageDetector detector;

    /**
     * A language stage. The detector's models are loaded here, once per JVM, so that loading them (seconds on a busy
     * machine) is paid when the pipeline is built and never counts against an item's time budget.
     */
    public DetectLanguage() {
        detector();
    }

    @Override
    public StageName name() {
        return StageName.LANGUAGE;
    }

    @Override
    public void apply(Story story, ItemContext context) {
        String declared = tag(context.raw().language());
        if (declared != null) {
            story.language(declared);
            return;
        }
        if (context.raw().language() != null && !context.raw().language().isBlank()) {
            story.warn("declared language not understood: \""
                    + excerpt(context.raw().language()) + "\"");
        }
        String fromSource = tag(story.language());
        if (fromSource != null) {
            story.language(fromSource);
            return;
        }
        if (story.language() != null && !story.language().isBlank()) {
            story.warn("source language not understood: \"" + excerpt(story.language()) + "\"");
        }
        story.language(null);
        String sample = sample(story);
        String detected = detect(sample);
        if (detected == null) {
            story.warn("language not declared and not detected");
        } else {
            story.language(detected);
        }
    }

    private static final java.util.regex.Pattern LANGUAGE_TAG =
            java.util.regex.Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /**
     * A declared language as a BCP 47 tag ({@code en_US} read as {@code en-US}), or null when it is missing or not a
     * language tag (a source may declare anything: a language name, a corrupt or huge attribute).
     */
    static String tag(String declared) {
        if (declared == null) {
            return null;
        }
        String t = declared.strip().replace('_', '-');
        return t.length() <= 35 && LANGUAGE_TAG.matcher(t).matches() ? t : null;
    }

    private static String excerpt(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }

    /** The detected BCP 47 language of a text, or null when unsure. */
    public static String detect(String text) {
        if (text == null || text.codePointCount(0, text.length()) < 12) {
            return null;
        }
        StopWords.Verdict quick = StopWords.decide(text);
        if (quick == StopWords.Verdict.ENGLISH) {
            return "en";
        }
        Markers markers = null; // counted at most once, here or for the detector's verdict below
        if (quick == StopWords.Verdict.INDONESIAN_OR_MALAY) {
            markers = Markers.of(text);
            if (markers.malay() >= markers.indonesian() + 2) {
                return "ms";
            }
            if (markers.indonesian() >= markers.malay() + 2) {
                return "id";
            }
        }
        Map<Language, Double> confidence = detector().computeLanguageConfidenceValues(text);
        if (confidence.isEmpty()) {
            return null;
        }
        Language best = confidence.keySet().iterator().next();
        if (best == Language.INDONESIAN || best == Language.MALAY) {
            best = indonesianOrMalay(markers != null ? markers : Markers.of(text), confidence);
        }
        if (best == Language.UNKNOWN) {
            return null;
        }
        return best.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    /** How many Malay and Indonesian marker words a text holds. */
    private record Markers(int malay, int indonesian) {
        static Markers of(String text) {
            return new Markers(count(MALAY_MARKERS.matcher(text)), count(INDONESIAN_MARKERS.matcher(text)));
        }
    }

    private static Language indonesianOrMalay(Markers markers, Map<Language, Double> confidence) {
        int malay = markers.malay();
        int indonesian = markers.indonesian();
        double id = confidence.getOrDefault(Language.INDONESIAN, 0.0);
        double ms = confidence.getOrDefault(Language.MALAY, 0.0);
        // The detector alone decides only when it is clearly sure; else the marker words do.
        if (Math.abs(id - ms) > 0.5) {
            return id > ms ? Language.INDONESIAN : Language.MALAY;
        }
        if (malay > indonesian) {
            return Language.MALAY;
        }
        if (indonesian > malay) {
            return Language.INDONESIAN;
        }
        return id >= ms ? Language.INDONESIAN : Language.MALAY;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String sample(Story story) {
        StringBuilder sb = new StringBuilder(SAMPLE_CHARS + 200);
        if (story.headline() != null) {
            sb.append(story.headline()).append(". ");
        }
        // Block by block, so that a long body is never turned into text as a whole just to be cut.
        for (org.jsoup.nodes.Element block : story.body().children()) {
            if (sb.length() >= SAMPLE_CHARS) {
                break;
            }
            sb.append(TextBlocks.text(block)).append(' ');
        }
        return sb.length() > SAMPLE_CHARS ? sb.substring(0, SAMPLE_CHARS) : sb.toString();
    }

    private static LanguageDetector detector() {
        LanguageDetector d = detector;
        if (d == null) {
            synchronized (DetectLanguage.class) {
                d = detector;
                if (d == null) {
                    d = LanguageDetectorBuilder.fromLanguages(LANGUAGES.toArray(new Language[0]))
                            .withLowAccuracyMode()
                            .withPreloadedLanguageModels()
                            .build();
                    detector = d;
                }
            }
        }
        return d;
    }
}
