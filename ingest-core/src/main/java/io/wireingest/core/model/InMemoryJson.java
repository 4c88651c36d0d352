package io.wireingest.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The Jackson factory for JSON read only from bytes already in memory (envelopes, the command line's input files):
 * no limit on the length of a string. Jackson's default (20,000,000 characters) would refuse the {@code bodyBase64}
 * of an envelope above about 15 MB as "not JSON" whatever the item limit allows; every caller bounds the bytes it
 * parses by the item limit (the request limit of POST /items, the line and file caps of {@code publish} and {@code
 * normalize}, the record size of the raw topic), and no string is longer than the bytes it is read from.
 */
public final class InMemoryJson {
    private InMemoryJson() {}

    /** A new factory without a string-length limit (new each time: a mapper takes its factory over). */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }
}
