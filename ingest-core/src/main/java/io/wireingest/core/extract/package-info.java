/**
 * Article extraction from full web pages: page metadata (JSON-LD, Open Graph, microdata) and the main-content
 * detection that finds the story among navigation, ads, share bars and lists of other stories.
 */
package io.wireingest.core.extract;
