package io.wireingest.core.attribution;

import io.wireingest.core.model.Contributor;
import java.util.List;

/**
 * One credit line, read: what kind it is and what it says.
 *
 * @param type what kind of credit line
 * @param printed the line as printed
 * @param agencies canonical names of the agencies it names, in printed order
 * @param contributors the people it credits
 * @param copyrightHolder the holder a copyright line names, or null
 * @param year the year a copyright line prints, or null
 */
public record Credit(
        Type type,
        String printed,
        List<String> agencies,
        List<Contributor> contributors,
        String copyrightHolder,
        Integer year) {

    public Credit {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
    }

    /** Kinds of credit lines. */
    public enum Type {
        /** {@code Sumber: Yonhap-OANA}, {@code Source: Xinhua}: originator first, then distributors. */
        SOURCE,
        /** {@code Pewarta: …}, {@code Editor: …}, {@code Reporting by …; Editing by …}. */
        CONTRIBUTORS,
        /** {@code By Jane Doe and John Roe}. */
        BYLINE,
        /** {@code Copyright © ANTARA 2023}, {@code © KYODO}. */
        COPYRIGHT,
        /** {@code -- BERNAMA}, {@code (AFP/XY-1)}: the agency that sent the copy. */
        SIGN_OFF,
        /** {@code (Ant/Xinhua)}: the publisher relaying another agency's copy (publisher first). */
        RELAY,
        /** {@code (END)}: end of copy. */
        END_MARK,
        /** {@code REUTERS/Jane Doe}, {@code (Xinhua/Li Ming)}: a photo credit, not a text source. */
        PHOTO
    }
}
