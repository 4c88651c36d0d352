package io.wireingest.core.pipeline;

import io.wireingest.core.attribution.AttributeSource;
import io.wireingest.core.clean.CleanBody;
import io.wireingest.core.dateline.ExtractDateline;
import io.wireingest.core.decode.DecodeBytes;
import io.wireingest.core.decode.DecodedItem;
import io.wireingest.core.format.RecognizeFormat;
import io.wireingest.core.format.WireFormatReader;
import io.wireingest.core.language.DetectLanguage;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.normalize.Article;
import io.wireingest.core.normalize.NormalizeArticle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole pipeline for one raw item: decode → recognize → parse → clean → dateline → attribute → language →
 * normalize. {@link #process} never throws for bad input: every failure, including a bug in a stage, becomes a
 * {@link Outcome.Rejected} naming the stage and the reason. Thread-safe: one instance can serve many threads.
 */
public final class IngestPipeline {
    private final Limits limits;
    private final DecodeBytes decode;
    private final RecognizeFormat recognize;
    private final List<StoryStage> stages;
    private final NormalizeArticle normalize;

    public IngestPipeline(Limits limits, RecognizeFormat recognize, List<StoryStage> stages) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decode = new DecodeBytes();
        this.recognize = Objects.requireNonNull(recognize, "recognize");
        this.stages = List.copyOf(stages);
        this.normalize = new NormalizeArticle();
    }

    /** The standard pipeline with the given limits. */
    public static IngestPipeline create(Limits limits) {
        return new IngestPipeline(limits, RecognizeFormat.standard(), standardStages());
    }

    /** The standard pipeline with default limits. */
    public static IngestPipeline create() {
        return create(Limits.DEFAULT);
    }

    /** The story stages of the standard pipeline, in order. */
    public static List<StoryStage> standardStages() {
        return List.of(new CleanBody(), new ExtractDateline(), new AttributeSource(), new DetectLanguage());
    }

    public Limits limits() {
        return limits;
    }

    /** Processes one item into articles or a rejection. Never throws for bad input. */
    public Outcome process(RawItem raw) {
        Objects.requireNonNull(raw, "raw");
        ItemContext context = new ItemContext(raw, limits);
        Map<StageName, Long> nanos = new EnumMap<>(StageName.class);
        try {
            if (raw.body().length > limits.maxBytes()) {
                throw new RejectedException(
                        StageName.LIMITS,
                        "too-large",
                        "item is " + raw.body().length + " bytes, over the limit of " + limits.maxBytes());
            }
            long t = System.nanoTime();
            context.enter(StageName.DECODE);
            DecodedItem decoded = decode.decode(raw);
            t = lap(nanos, StageName.DECODE, t);

            context.enter(StageName.RECOGNIZE);
            WireFormatReader reader = recognize.recognize(decoded, context);
            t = lap(nanos, StageName.RECOGNIZE, t);

            context.enter(StageName.PARSE);
            List<Story> stories = reader.read(decoded, context);
            if (stories.isEmpty()) {
                throw new RejectedException(StageName.PARSE, "empty", "the item holds no story");
            }
            if (stories.size() > limits.maxArticles()) {
                throw new RejectedException(
                        StageName.LIMITS,
                        "too-many-articles",
                        "item holds " + stories.size() + " stories, over the limit of " + limits.maxArticles());
            }
            t = lap(nanos, StageName.PARSE, t);
            context.checkTime();

            for (StoryStage stage : stages) {
                context.enter(stage.name());
                for (Story story : stories) {
                    stage.apply(story, context);
                }
                t = lap(nanos, stage.name(), t);
                context.checkTime();
            }

            context.enter(StageName.NORMALIZE);
            List<Article> articles = new ArrayList<>(stories.size());
            for (int i = 0; i < stories.size(); i++) {
                articles.add(normalize.normalize(stories.get(i), decoded, i, stories.size(), context));
                context.checkTime();
            }
            lap(nanos, StageName.NORMALIZE, t);
            return new Outcome.Normalized(articles, nanos);
        } catch (RejectedException e) {
            return new Outcome.Rejected(e.rejection(), nanos);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or an input nobody foresaw: this item is rejected, the caller carries on.
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.length() > 300) {
                message = message.substring(0, 300) + "…";
            }
            return new Outcome.Rejected(
                    new Rejection(
                            context.stage(),
                            "internal-error",
                            e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message),
                            e.getClass().getName()),
                    nanos);
        }
    }

    private static long lap(Map<StageName, Long> nanos, StageName stage, long start) {
        long now = System.nanoTime();
        nanos.merge(stage, now - start, Long::sum);
        return now;
    }
}
