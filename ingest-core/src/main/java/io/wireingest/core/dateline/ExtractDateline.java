package io.wireingest.core.dateline;

import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.pipeline.StoryStage;

/**
 * Reads the dateline from the story's structured field or the lead of its first paragraph, sets
 * {@link Story#dateline}, and strips the lead from the body. (First cut: placeholder, filled in by the dateline work.)
 */
public final class ExtractDateline implements StoryStage {
    @Override
    public StageName name() {
        return StageName.DATELINE;
    }

    @Override
    public void apply(Story story, ItemContext context) throws RejectedException {
        // implemented by the dateline work
    }
}
