package io.wireingest.core.model;

import java.util.List;

/**
 * Who the story comes from.
 *
 * @param credit the credit line as printed (e.g. {@code Sumber: Yonhap-OANA}), or null
 * @param chain the agency chain, originator first, publisher last
 * @param cited sources the text itself quotes (e.g. KCNA, People's Daily), canonical names, in order of first mention
 * @param copyrightHolder who holds the copyright, or null
 * @param copyrightNotice the copyright notice as printed or derived, or null
 */
public record Attribution(
        String credit, List<AgencyCredit> chain, List<String> cited, String copyrightHolder, String copyrightNotice) {

    public Attribution {
        chain = chain == null ? List.of() : List.copyOf(chain);
        cited = cited == null ? List.of() : List.copyOf(cited);
    }

    /** No attribution known. */
    public static Attribution empty() {
        return new Attribution(null, List.of(), List.of(), null, null);
    }
}
