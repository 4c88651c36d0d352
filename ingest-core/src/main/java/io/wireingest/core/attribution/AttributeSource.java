package io.wireingest.core.attribution;

import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import io.wireingest.core.pipeline.StoryStage;

/**
 * Reads credit lines (in the body or from structured fields), removes them from the body, and fills
 * {@link Story#attribution} and {@link Story#contributors}. (First cut: placeholder, filled in by the attribution work.)
 */
public final class AttributeSource implements StoryStage {
    @Override
    public StageName name() {
        return StageName.ATTRIBUTE;
    }

    @Override
    public void apply(Story story, ItemContext context) throws RejectedException {
        // implemented by the attribution work
    }
}
