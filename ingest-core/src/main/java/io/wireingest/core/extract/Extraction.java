package io.wireingest.core.extract;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * The article found in a page.
 *
 * @param blocks the article's blocks in reading order, detached from the page and not yet sanitized
 * @param metadata what the page says about the article
 * @param container the page element the article was found in, or null when the page had no clear article
 */
public record Extraction(List<Element> blocks, PageMetadata metadata, Element container) {
    public Extraction {
        blocks = List.copyOf(blocks);
    }
}
