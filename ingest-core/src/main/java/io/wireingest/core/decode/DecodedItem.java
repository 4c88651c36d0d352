package io.wireingest.core.decode;

import io.wireingest.core.model.RawItem;

/**
 * A raw item's content as text.
 *
 * @param raw the raw item
 * @param mediaType what the producer declared
 * @param text the decoded text, BOM removed, never null
 * @param charset the charset actually used
 * @param malformed true when invalid byte sequences were replaced with U+FFFD
 */
public record DecodedItem(RawItem raw, MediaType mediaType, String text, String charset, boolean malformed) {}
