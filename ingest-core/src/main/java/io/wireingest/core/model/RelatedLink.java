package io.wireingest.core.model;

/**
 * A related-story link removed from the body ({@code Baca juga:}, {@code Read also:}).
 *
 * @param label the label as printed, e.g. {@code Baca juga}
 * @param title the linked headline
 * @param url the link target, or null when the copy had none
 */
public record RelatedLink(String label, String title, String url) {}
