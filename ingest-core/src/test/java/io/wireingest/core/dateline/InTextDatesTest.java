package io.wireingest.core.dateline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InTextDatesTest {
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            Banjir surut pada Kamis (19/4/2018) sore. => Kamis (19/4/2018)
            Gempa terjadi Rabu (6/11) pukul 21.15 Wita di Lombok. => Rabu (6/11) pukul 21.15 Wita
            Sidang dibuka Senin, 4 Desember 2023 10.15 WIB di Jakarta. => Senin, 4 Desember 2023 10.15 WIB
            Diperbarui 02 December 2024 16:27 WIB oleh redaksi. => 02 December 2024 16:27 WIB
            The vote closed on Dec. 2, 2024 at 9:30 a.m. KST as planned. => Dec. 2, 2024 at 9:30 a.m. KST
            Laporan masuk 19/4/2018 10:00 WIB dari lapangan. => 19/4/2018 10:00 WIB
            Letusan terjadi pukul 19.55 Wita, Jumat (22/9), kata petugas. => pukul 19.55 Wita, Jumat (22/9)
            Rapat digelar Sabtu, 29 Juli 2023 | 10:15 WIB. => Sabtu, 29 Juli 2023 | 10:15 WIB
            """)
    void findsDatesThatCanDateAStory(String text, String printed) {
        assertThat(InTextDates.first(text).map(f -> f.parts().text())).contains(printed);
    }

    @Test
    void takesTheTimeAndZoneApart() {
        DateParts parts = InTextDates.first("pada Jumat (8/3) pukul 07.30 WIT")
                .orElseThrow()
                .parts();
        assertThat(parts.weekday()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(parts.month()).isEqualTo(3);
        assertThat(parts.day()).isEqualTo(8);
        assertThat(parts.time()).isEqualTo(LocalTime.of(7, 30));
        assertThat(parts.offset()).isEqualTo(ZoneOffset.ofHours(9));
    }

    @Test
    void ignoresNumbersThatAreNoDates() {
        assertThat(InTextDates.first("Harga naik 5 persen menjadi Rp 12.500 per kilogram."))
                .isEmpty();
        assertThat(InTextDates.first("The plant will open in 4 December phases."))
                .isEmpty();
    }

    @Test
    void findsABareWeekday() {
        assertThat(InTextDates.bareWeekday("kata media pemerintah pada Sabtu.")
                        .map(f -> f.parts().weekday()))
                .contains(DayOfWeek.SATURDAY);
        assertThat(InTextDates.bareWeekday("pada Sabtu (29/7) pagi")).isEmpty();
    }
}
