package io.wireingest.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.Contributor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditLinesTest {
    private static Credit read(String line) {
        return CreditLines.read(line).orElseThrow(() -> new AssertionError("not read as a credit: " + line));
    }

    @Test
    void readsASourceLineAsTheAgenciesItNames() {
        Credit c = read("Sumber: Kyodo-OANA");
        assertThat(c.type()).isEqualTo(Credit.Type.SOURCE);
        assertThat(c.agencies()).containsExactly("Kyodo", "OANA");
        assertThat(read("Source: Xinhua").agencies()).containsExactly("Xinhua");
    }

    @Test
    void readsContributorLabelsInIndonesianAndMalay() {
        assertThat(read("Pewarta: Dewi Lestari").contributors())
                .containsExactly(new Contributor("reporter", "Dewi Lestari", "Pewarta"));
        assertThat(read("Editor: Budi Santoso").contributors())
                .containsExactly(new Contributor("editor", "Budi Santoso", "Editor"));
        assertThat(read("Penerjemah: Sari Wulandari").contributors())
                .containsExactly(new Contributor("translator", "Sari Wulandari", "Penerjemah"));
        assertThat(read("Penterjemah: Ahmad Faiz").contributors())
                .containsExactly(new Contributor("translator", "Ahmad Faiz", "Penterjemah"));
    }

    @Test
    void readsSeveralLabelsOnOneLine() {
        assertThat(read("Pewarta: Dewi Lestari Editor: Budi Santoso").contributors())
                .containsExactly(
                        new Contributor("reporter", "Dewi Lestari", "Pewarta"),
                        new Contributor("editor", "Budi Santoso", "Editor"));
    }

    @Test
    void readsReutersStyleCredits() {
        Credit c = read("(Reporting by Ana Cruz and Tom Reyes; Editing by Mark Field)");
        assertThat(c.contributors())
                .extracting(Contributor::role, Contributor::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reporter", "Ana Cruz"),
                        org.assertj.core.groups.Tuple.tuple("reporter", "Tom Reyes"),
                        org.assertj.core.groups.Tuple.tuple("editor", "Mark Field"));
    }

    @Test
    void leavesTheReportersPlaceOutOfTheName() {
        assertThat(read("Reporting by Ana Cruz in Manila and Tom Reyes in Cebu; Editing by Mark Field")
                        .contributors())
                .extracting(Contributor::name)
                .containsExactly("Ana Cruz", "Tom Reyes", "Mark Field");
    }

    @Test
    void readsABylineOfSeveralReporters() {
        Credit c = read("By Ana Cruz and Tom Reyes");
        assertThat(c.type()).isEqualTo(Credit.Type.BYLINE);
        assertThat(c.contributors()).extracting(Contributor::name).containsExactly("Ana Cruz", "Tom Reyes");
    }

    @Test
    void readsCopyrightLines() {
        Credit c = read("Copyright © ANTARA 2023");
        assertThat(c.type()).isEqualTo(Credit.Type.COPYRIGHT);
        assertThat(c.copyrightHolder()).isEqualTo("ANTARA");
        assertThat(c.year()).isEqualTo(2023);
        assertThat(read("© KYODO").copyrightHolder()).isEqualTo("Kyodo");
        assertThat(read("Hak cipta © 2021 Perum LKBN ANTARA. All rights reserved.")
                        .copyrightHolder())
                .isEqualTo("ANTARA");
    }

    @Test
    void readsSignOffsRelaysAndEndMarks() {
        assertThat(read("-- BERNAMA").agencies()).containsExactly("Bernama");
        assertThat(read("(END)").type()).isEqualTo(Credit.Type.END_MARK);
        Credit relay = read("(Ant/Xinhua)");
        assertThat(relay.type()).isEqualTo(Credit.Type.RELAY);
        assertThat(relay.agencies()).containsExactly("ANTARA", "Xinhua");
        Credit code = read("(AFP/XY-1)");
        assertThat(code.type()).isEqualTo(Credit.Type.SIGN_OFF);
        assertThat(code.agencies()).containsExactly("AFP");
    }

    @Test
    void readsPhotoCreditsAsPhotoCredits() {
        Credit reuters = read("REUTERS/Budi Hartono");
        assertThat(reuters.type()).isEqualTo(Credit.Type.PHOTO);
        assertThat(reuters.contributors()).containsExactly(new Contributor("photographer", "Budi Hartono", null));
        Credit xinhua = read("(Xinhua/Wang Lei)");
        assertThat(xinhua.type()).isEqualTo(Credit.Type.PHOTO);
        assertThat(xinhua.agencies()).containsExactly("Xinhua");
        Credit antara = read("Foto: ANTARA FOTO/Rina Kusuma");
        assertThat(antara.contributors()).extracting(Contributor::role).containsExactly("photographer");
    }

    @Test
    void findsASignOffGluedToTheLastSentence() {
        String text = "The ministry said it would review the rules. -- BERNAMA";
        CreditLines.Tail tail = CreditLines.tail(text).orElseThrow();
        assertThat(tail.credit().agencies()).containsExactly("Bernama");
        assertThat(text.substring(0, tail.start()).strip()).isEqualTo("The ministry said it would review the rules.");
        assertThat(CreditLines.tail("Talks resume on Friday. (END)")).isPresent();
        assertThat(CreditLines.tail("Harga naik tipis pekan ini. (Ant/Xinhua)")).isPresent();
    }

    @Test
    void findsTheSignOffOfALongParagraphWhateverItsWhiteSpace() {
        String story = "The ministry said it would review the rules for palm oil exporters next year, after talks with"
                + " the industry, the provinces and the central bank, which has warned that prices could rise. "
                + "Officials expect the review, which the cabinet asked for in March, to take several months and to"
                + " end before the harvest season starts.";
        assertThat(story.length()).isGreaterThan(300);
        for (String text : List.of(
                story + " -- BERNAMA",
                story + "  --   BERNAMA .",
                story.replace("next year,", "next year," + " ".repeat(40)) + " -- BERNAMA",
                story + " (" + " ".repeat(20) + "Ant/Xinhua" + " ".repeat(20) + ")",
                // the match runs past the part of the paragraph searched when it has no long white-space runs
                story + " -- BERNAMA" + " ".repeat(300) + ".")) {
            CreditLines.Tail tail = CreditLines.tail(text).orElseThrow(() -> new AssertionError(text));
            assertThat(text.substring(0, tail.start()).strip()).endsWith("harvest season starts.");
        }
        assertThat(CreditLines.tail(story)).isEmpty();
        // the credit must follow a sentence end, also when it is far from the start
        assertThat(CreditLines.tail(story.substring(0, story.length() - 1) + " -- BERNAMA"))
                .isEmpty();
    }

    @Test
    void splitsARunOfCreditsBeforeACopyrightNoticeOnlyWhereThereIsOne() {
        assertThat(CreditLines.readAll("Pewarta: Rina Kusuma Editor: Budi Santoso Copyright (C) ANTARA 2024"))
                .extracting(Credit::type)
                .containsExactly(Credit.Type.CONTRIBUTORS, Credit.Type.COPYRIGHT);
        assertThat(CreditLines.readAll("Pewarta: Rina Kusuma Editor: Budi Santoso COPYRIGHT © ANTARA 2024"))
                .extracting(Credit::type)
                .containsExactly(Credit.Type.CONTRIBUTORS, Credit.Type.COPYRIGHT);
        assertThat(CreditLines.readAll("Harga cabai naik lagi di pasar tradisional, kata pedagang pada Senin."))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The minister said the talks went well.",
                "Source of the trouble was a faulty valve in the plant, engineers said.",
                "By the end of the year prices had doubled.",
                "Harga naik 5 persen (year-on-year).",
                "She thanked her colleagues (and the weather)."
            })
    void leavesStoryTextAlone(String line) {
        assertThat(CreditLines.read(line)).isEmpty();
        assertThat(CreditLines.tail(line)).isEmpty();
    }

    @Test
    void aBylineAffiliationIsNotASecondWriter() {
        // QA on agency copy: "By X, Press Association" and "By X, The ... Union-Tribune" listed the employer as a
        // reporter
        assertThat(read("By Ian Jones, Press Association").contributors())
                .containsExactly(new Contributor("reporter", "Ian Jones", "By"));
        assertThat(read("By Ian Jones, Press Association").agencies()).containsExactly("Press Association");
        assertThat(read("By Sam Lister, Press Association Political Correspondent")
                        .contributors())
                .containsExactly(new Contributor("reporter", "Sam Lister", "By"));
        assertThat(read("By Tom Rivera, The Harbour City Tribune").contributors())
                .containsExactly(new Contributor("reporter", "Tom Rivera", "By"));
        assertThat(read("By Ana Cruz, Tom Reyes and Lia Santos").contributors())
                .extracting(Contributor::name)
                .containsExactly("Ana Cruz", "Tom Reyes", "Lia Santos");
    }

    @Test
    void readsAnAgencySignOffWithDeskInitials() {
        // QA on agency copy: AAP/AFP end their NITF copy with the agency code and desk initials
        assertThat(read("AFP sn").type()).isEqualTo(Credit.Type.SIGN_OFF);
        assertThat(read("AFP sn").agencies()).containsExactly("AFP");
        assertThat(read("AAP RTV ar").agencies()).containsExactly("AAP");
        assertThat(read("dpa wsz jln").agencies()).containsExactly("dpa");
        assertThat(CreditLines.read("Reuters is")).isEmpty();
        assertThat(CreditLines.read("FIFA says")).isEmpty();
    }

    @Test
    void aStructuredCreditKeepsNoTrailingDash() {
        // QA on agency copy: a NewsML-G2 creditline "STT–" became the agency "STT–"
        assertThat(CreditLines.structuredName("STT–").orElseThrow().agencies()).containsExactly("STT");
    }
}
