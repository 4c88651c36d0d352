package io.wireingest.core.model;

/** A subject code passed through from the source (ninjs {@code subjects[]}). */
public record Subject(String uri, String name, String code) {}
