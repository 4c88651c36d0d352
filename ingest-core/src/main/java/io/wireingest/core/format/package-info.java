/**
 * One reader per wire format ({@link io.wireingest.core.format.NitfReader}, {@link
 * io.wireingest.core.format.NewsMlG2Reader}, {@link io.wireingest.core.format.NewsMl1Reader}, {@link
 * io.wireingest.core.format.Anpa1312Reader}, {@link io.wireingest.core.format.Iptc7901Reader}, {@link
 * io.wireingest.core.format.NinjsReader}, {@link io.wireingest.core.format.FeedReader}, HTML and plain text), and the
 * recognizer that picks one by cheap sniffing of the content. docs/FORMATS.md maps each format onto article fields.
 */
package io.wireingest.core.format;
