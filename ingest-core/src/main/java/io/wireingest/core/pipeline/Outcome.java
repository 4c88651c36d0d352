package io.wireingest.core.pipeline;

import io.wireingest.core.normalize.Article;
import java.util.List;
import java.util.Map;

/** The result of processing one raw item: articles, or a rejection. */
public sealed interface Outcome {
    /** Nanoseconds spent per stage, in stage order (only stages that ran). */
    Map<StageName, Long> stageNanos();

    /** The item became one or more articles (several for a feed, a newsMessage or a ninjs array). */
    record Normalized(List<Article> articles, Map<StageName, Long> stageNanos) implements Outcome {
        public Normalized {
            articles = List.copyOf(articles);
            stageNanos = Map.copyOf(stageNanos);
        }

        /** The single or first article. */
        public Article article() {
            return articles.get(0);
        }
    }

    /** The item was refused; it belongs on the dead-letter topic. */
    record Rejected(Rejection rejection, Map<StageName, Long> stageNanos) implements Outcome {
        public Rejected {
            stageNanos = Map.copyOf(stageNanos);
        }
    }
}
