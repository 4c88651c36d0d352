package io.wireingest.core.pipeline;

/** The stages of the pipeline, in order. The id is what rejections and metrics say. */
public enum StageName {
    LIMITS("limits"),
    DECODE("decode"),
    RECOGNIZE("recognize"),
    PARSE("parse"),
    CLEAN("clean"),
    DATELINE("dateline"),
    ATTRIBUTE("attribute"),
    LANGUAGE("language"),
    NORMALIZE("normalize");

    private final String id;

    StageName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
