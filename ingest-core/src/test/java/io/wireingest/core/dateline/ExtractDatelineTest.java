package io.wireingest.core.dateline;

import static org.assertj.core.api.Assertions.assertThat;

import io.wireingest.core.model.Dateline;
import io.wireingest.core.model.RawItem;
import io.wireingest.core.model.Story;
import io.wireingest.core.model.WireFormat;
import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dateline stage on leads written for these tests in the styles of each agency and outlet. */
class ExtractDatelineTest {
    private static final String RECEIVED = "2024-12-02T09:30:00Z";
    private static final String BODY = "The council met on Monday to approve the new budget.";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # lead                                     | place            | country      | code | agency        | dateText        | date
            Bandung (ANTARA) -                         | Bandung          | Indonesia    | ID   | ANTARA        | null            | null
            Makassar (ANTARA News) –                   | Makassar         | Indonesia    | ID   | ANTARA        | null            | null
            BUSAN, Feb. 3 (Yonhap) --                  | Busan            | South Korea  | KR   | Yonhap        | Feb. 3          | 2024-02-03
            BEIJING, Nov. 30 (Xinhua) --               | Beijing          | China        | CN   | Xinhua        | Nov. 30         | 2024-11-30
            LONDON, Nov 29 (Reuters) -                 | London           | Britain      | GB   | Reuters       | Nov 29          | 2024-11-29
            MANILA, Philippines (AP) —                 | Manila           | Philippines  | PH   | AP            | null            | null
            DAR ES SALAAM, Tanzania (AP) _             | Dar es Salaam    | Tanzania     | TZ   | AP            | null            | null
            HONG KONG, Jan 4, 2023 (AFP) -             | Hong Kong        | Hong Kong    | HK   | AFP           | Jan 4, 2023     | 2023-01-04
            Mumbai, Nov 28 (PTI)                       | Mumbai           | India        | IN   | PTI           | Nov 28          | 2024-11-28
            NAGOYA, Nov. 28 Kyodo -                    | Nagoya           | Japan        | JP   | Kyodo         | Nov. 28         | 2024-11-28
            VLADIVOSTOK, November 27. /TASS/.          | Vladivostok      | Russia       | RU   | TASS          | November 27     | 2024-11-27
            KOTA KINABALU, 25 Ogos (Bernama) --        | Kota Kinabalu    | Malaysia     | MY   | Bernama       | 25 Ogos         | 2024-08-25
            HANOI, Nov. 30 (NNN-VNA) --                | Hanoi            | Vietnam      | VN   | NNN-VNA       | Nov. 30         | 2024-11-30
            Jakarta (ANTARA/Reuters) -                 | Jakarta          | Indonesia    | ID   | ANTARA/Reuters| null            | null
            SEOUL/TOKYO (Reuters) -                    | Seoul/Tokyo      | null         | null | Reuters       | null            | null
            JAKARTA, KOMPAS.com -                      | Jakarta          | Indonesia    | ID   | Kompas.com    | null            | null
            TEMPO.CO, Jakarta -                        | Jakarta          | Indonesia    | ID   | Tempo         | null            | null
            Jakarta, CNN Indonesia --                  | Jakarta          | Indonesia    | ID   | CNN Indonesia | null            | null
            Medan, 5/11/2023 (ANTARA) -                | Medan            | Indonesia    | ID   | ANTARA        | 5/11/2023       | 2023-11-05
            Jakarta, 3 Okt (ANTARA) -                  | Jakarta          | Indonesia    | ID   | ANTARA        | 3 Okt           | 2024-10-03
            Padang, 2 Des (ANTARA) -                   | Padang           | Indonesia    | ID   | ANTARA        | 2 Des           | 2024-12-02
            Berlin (dpa) -                             | Berlin           | Germany      | DE   | dpa           | null            | null
            EL PASO, Texas (AP) —                      | El Paso          | United States| US   | AP            | null            | null
            Hamburg (dpa/lno) -                        | Hamburg          | Germany      | DE   | dpa           | null            | null
            MANILA, June 25 (NNN-PNA) --               | Manila           | Philippines  | PH   | NNN-PNA       | June 25         | 2024-06-25
            XI'AN, Nov. 3 (Xinhua) --                  | Xi'an            | China        | CN   | Xinhua        | Nov. 3          | 2024-11-03
            GWANGJU --                                 | Gwangju          | South Korea  | KR   | null          | null            | null
            OSAKA, Japan -                             | Osaka            | Japan        | JP   | null          | null            | null
            PUTRAJAYA, 5 Mac --                        | Putrajaya        | Malaysia     | MY   | null          | 5 Mac           | 2024-03-05
            NEW DELHI:                                 | New Delhi        | India        | IN   | null          | null            | null
            THE HAGUE, Netherlands (AP) —              | The Hague        | Netherlands  | NL   | AP            | null            | null
            WASHINGTON, D.C. (AP) —                    | Washington       | United States| US   | AP            | null            | null
            Jakarta, (ANTARA News) -                   | Jakarta          | Indonesia    | ID   | ANTARA        | null            | null
            SEOUL,Nov. 30 (Yonhap)--                   | Seoul            | South Korea  | KR   | Yonhap        | Nov. 30         | 2024-11-30
            Saigon (VNA) -                             | Saigon           | Vietnam      | VN   | VNA           | null            | null
            Jakarta -                                  | Jakarta          | Indonesia    | ID   | null          | null            | null
            Surabaya (ANTARA Jatim) -                  | Surabaya         | Indonesia    | ID   | ANTARA        | null            | null
            Tegucigalpa, Nov 2 (EFE).-                 | Tegucigalpa      | Honduras     | HN   | EFE           | Nov 2           | 2024-11-02
            FORT WASHINGTON, Pa. (AP) _                | Fort Washington  | United States| US   | AP            | null            | null
            """)
    void readsEachStyle(
            String lead, String place, String country, String code, String agency, String dateText, String date) {
        Story story = story(lead + " " + BODY);
        apply(story, RECEIVED);
        Dateline d = story.dateline();
        assertThat(d).as(lead).isNotNull();
        assertThat(d.text()).isEqualTo(lead.strip());
        assertThat(d.place()).isEqualTo(place);
        assertThat(d.country()).isEqualTo(country);
        assertThat(d.countryCode()).isEqualTo(code);
        assertThat(d.agency()).isEqualTo(agency);
        assertThat(d.dateText()).isEqualTo(dateText);
        assertThat(d.date() == null ? null : d.date().toString()).isEqualTo(date);
        assertThat(story.body().child(0).text()).isEqualTo(BODY);
    }

    @Test
    void rollsAYearlessDateBackOverNewYear() {
        Story story = story("SEOUL, Dec. 29 (Yonhap) -- " + BODY);
        apply(story, "2025-01-02T01:00:00Z");
        assertThat(story.dateline().date()).hasToString("2024-12-29");
        assertThat(story.dateline().dateInferred()).isTrue();
    }

    @Test
    void keepsAPrintedYearAndSaysSo() {
        Story story = story("TOKYO, June 6, 2010 (AFP) - " + BODY);
        apply(story, "2024-01-01T00:00:00Z");
        assertThat(story.dateline().date()).hasToString("2010-06-06");
        assertThat(story.dateline().dateInferred()).isFalse();
    }

    @Test
    void prefersTheStorysOwnTimestampOverReceipt() {
        Story story = story("SEOUL, Dec. 31 (Yonhap) -- " + BODY);
        story.versionCreated(Instant.parse("2023-12-31T10:00:00Z"));
        apply(story, "2025-03-01T00:00:00Z");
        assertThat(story.dateline().date()).hasToString("2023-12-31");
    }

    @Test
    void takesAnInTextDateWithTimeAndZoneWhenTheDatelineHasNone() {
        Story story = story("Mataram (ANTARA) - Gempa terasa pada Rabu (6/11) pukul 21.15 Wita di Lombok.");
        apply(story, "2024-11-07T02:00:00Z");
        Dateline d = story.dateline();
        assertThat(d.dateText()).isEqualTo("Rabu (6/11) pukul 21.15 Wita");
        assertThat(d.date()).hasToString("2024-11-06");
        assertThat(d.dateInferred()).isTrue();
        assertThat(d.dateTime()).hasToString("2024-11-06T21:15+08:00");
    }

    @Test
    void placesABareWeekdayOfTheLeadByAnAnchoredDateNearby() {
        Story story = story("Ambon (ANTARA) - Pemerintah daerah mengumumkan hasilnya pada Kamis.");
        story.addParagraph("Rapat berlangsung pada Selasa (12/3) di kantor gubernur.");
        apply(story, "2024-06-01T00:00:00Z");
        assertThat(story.dateline().date()).hasToString("2024-03-14");
        assertThat(story.dateline().dateText()).isEqualTo("Kamis");
        assertThat(story.dateline().dateInferred()).isTrue();
    }

    @Test
    void takesABylineGluedBeforeTheDateline() {
        Story story = story("By Rina Hartono BANDUNG, Indonesia (Reuters) - " + BODY);
        apply(story, RECEIVED);
        assertThat(story.dateline().place()).isEqualTo("Bandung");
        assertThat(story.dateline().agency()).isEqualTo("Reuters");
        assertThat(story.byline()).isEqualTo("By Rina Hartono");
        assertThat(story.body().child(0).text()).isEqualTo(BODY);
    }

    @Test
    void readsAStructuredDatelineFieldAndStripsTheSameLead() {
        Story story = story("BUSAN, Feb. 3 (Yonhap) -- " + BODY);
        story.datelineText("BUSAN, Feb. 3");
        apply(story, RECEIVED);
        assertThat(story.dateline().text()).isEqualTo("BUSAN, Feb. 3 (Yonhap) --");
        assertThat(story.dateline().agency()).isEqualTo("Yonhap");
        assertThat(story.dateline().place()).isEqualTo("Busan");
        assertThat(story.body().child(0).text()).isEqualTo(BODY);
    }

    @Test
    void keepsInlineMarkupWhenStrippingTheLead() {
        Story story = new Story(WireFormat.HTML);
        story.body().appendElement("p").html("<strong>Bandung (ANTARA)</strong> - Warga <em>kota</em> berkumpul.");
        apply(story, RECEIVED);
        assertThat(story.dateline().place()).isEqualTo("Bandung");
        assertThat(story.body().child(0).html()).isEqualTo("Warga <em>kota</em> berkumpul.");
    }

    @Test
    void readsADatelineWithoutAPlace() {
        Story story = story("Nov 30 (OPTA) - Results of the weekend matches.");
        apply(story, RECEIVED);
        assertThat(story.dateline().place()).isNull();
        assertThat(story.dateline().agency()).isEqualTo("Opta");
        assertThat(story.dateline().date()).hasToString("2024-11-30");
        assertThat(story.body().child(0).text()).isEqualTo("Results of the weekend matches.");
    }

    @Test
    void readsAnOutletStandingAloneAsTheDateline() {
        Story story = story("Suara.com - Harga cabai naik menjelang akhir tahun.");
        apply(story, RECEIVED);
        assertThat(story.dateline().text()).isEqualTo("Suara.com -");
        assertThat(story.dateline().place()).isNull();
        assertThat(story.dateline().agency()).isEqualTo("Suara.com");
        assertThat(story.dateline().outlet()).isEqualTo("Suara.com");
        assertThat(story.body().child(0).text()).isEqualTo("Harga cabai naik menjelang akhir tahun.");
    }

    @Test
    void readsATimestampInTheDatelineFieldAsADate() {
        Story story = story(BODY);
        story.datelineText("20231102T101500+0000");
        apply(story, RECEIVED);
        assertThat(story.dateline().place()).isNull();
        assertThat(story.dateline().date()).hasToString("2023-11-02");
        assertThat(story.dateline().dateTime()).hasToString("2023-11-02T10:15Z");
        assertThat(story.body().child(0).text()).isEqualTo(BODY);
    }

    @Test
    void aDatelineTheLeadPrintsWinsOverATimestampInTheDatelineField() {
        // QA on agency copy: a NewsML-G2 dateline field holding a timestamp hid the lead's agency
        Story story = story("Jan 3 (OPTA) - Results and fixtures of the league.");
        story.datelineText("2018-01-03 20:13:08 GMT+00:00");
        apply(story, "2018-01-03T21:00:00Z");
        assertThat(story.dateline().agency()).isEqualTo("Opta");
        assertThat(story.dateline().date()).hasToString("2018-01-03");
        assertThat(story.body().child(0).text()).isEqualTo("Results and fixtures of the league.");
    }

    @Test
    void readsTheDatelinePastAnAdvisorySummaryBulletsAndAByline() {
        // QA on agency copy: Reuters tops ("(Adds ...)", "* ..." bullets, "By ...") hid the dateline lead
        Story story = new Story(WireFormat.NEWSML_G2);
        story.addParagraph("(Adds analyst comment, details)");
        story.addParagraph("* Copper hits two-week high");
        story.addParagraph("* Stocks steady in Asia");
        story.addParagraph("By Rina Hartono");
        story.addParagraph("SINGAPORE, Jan 30 (Reuters) - " + BODY);
        apply(story, RECEIVED);
        assertThat(story.dateline().place()).isEqualTo("Singapore");
        assertThat(story.dateline().agency()).isEqualTo("Reuters");
        assertThat(story.body().child(4).text()).isEqualTo(BODY);
        assertThat(story.body().child(0).text()).isEqualTo("(Adds analyst comment, details)");
    }

    @Test
    void readsAnAgencyPrintedBeforeThePlace() {
        // QA on agency copy: ANSA's English service leads with "(ANSA) - Place, Month D -"
        Story story = story("(ANSA) - Milan, March 4 - " + BODY);
        apply(story, RECEIVED);
        assertThat(story.dateline().text()).isEqualTo("(ANSA) - Milan, March 4 -");
        assertThat(story.dateline().place()).isEqualTo("Milan");
        assertThat(story.dateline().agency()).isEqualTo("ANSA");
        assertThat(story.dateline().dateText()).isEqualTo("March 4");
        assertThat(story.body().child(0).text()).isEqualTo(BODY);
    }

    @Test
    void readsALeadWithNoBreakSpaces() {
        Story story = new Story(WireFormat.HTML);
        story.body().appendElement("p").html("Bandung&nbsp;(ANTARA)&nbsp;- Warga berkumpul di alun-alun.");
        apply(story, RECEIVED);
        assertThat(story.dateline().agency()).isEqualTo("ANTARA");
        assertThat(story.body().child(0).text()).isEqualTo("Warga berkumpul di alun-alun.");
    }

    @Test
    void leavesAnUnreadableLeadAloneAndWarns() {
        String lead = "Kementerian (Kominfo) - Pemerintah meluncurkan layanan baru.";
        Story story = story(lead);
        apply(story, RECEIVED);
        assertThat(story.dateline()).isNull();
        assertThat(story.body().child(0).text()).isEqualTo(lead);
        assertThat(story.warnings()).anyMatch(w -> w.startsWith("dateline not understood"));
    }

    @Test
    void doesNotTakeAnOrdinarySentenceForADateline() {
        for (String lead : new String[] {
            "The minister said on Monday that talks would resume.",
            "Presiden Joko Widodo (Jokowi) meresmikan bendungan baru.",
            "Indonesia's exports rose 5 percent in October, data showed.",
            "VIVA – Presiden meresmikan jalan tol."
        }) {
            Story story = story(lead);
            apply(story, RECEIVED);
            assertThat(story.dateline()).as(lead).isNull();
            assertThat(story.body().child(0).text()).isEqualTo(lead);
        }
    }

    private static Story story(String lead) {
        Story story = new Story(WireFormat.TEXT);
        story.addParagraph(lead);
        return story;
    }

    private static void apply(Story story, String received) {
        RawItem raw =
                RawItem.of("t", "test", "text/plain", Instant.parse(received), "x".getBytes(StandardCharsets.UTF_8));
        try {
            new ExtractDateline().apply(story, new ItemContext(raw, Limits.DEFAULT));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
