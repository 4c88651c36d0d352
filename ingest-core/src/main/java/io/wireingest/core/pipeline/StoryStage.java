package io.wireingest.core.pipeline;

import io.wireingest.core.model.Story;

/** One step applied to each parsed story (clean, dateline, attribute, language). */
public interface StoryStage {
    /** Which stage this is, for rejections and timing. */
    StageName name();

    /**
     * Refines the story in place. Bad input is reported by {@link Story#warn} (when the story is still usable) or by
     * throwing {@link RejectedException}; any other exception is a bug and is reported as {@code internal-error}.
     */
    void apply(Story story, ItemContext context) throws RejectedException;
}
