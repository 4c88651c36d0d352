package io.wireingest.core.model;

/**
 * A person credited on the story.
 *
 * @param role reporter, editor, translator, photographer, ...
 * @param name the person's name as printed
 * @param label the credit label as printed, e.g. {@code Pewarta}, or null
 */
public record Contributor(String role, String name, String label) {}
