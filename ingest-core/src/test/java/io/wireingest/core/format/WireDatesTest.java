package io.wireingest.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireDatesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "20131020T192751+1100|2013-10-20T08:27:51Z",
                "20151210T191044Z|2015-12-10T19:10:44Z",
                "20141126T152703|2014-11-26T15:27:03Z",
                "2018-02-26T21:20:34Z|2018-02-26T21:20:34Z",
                "2013-03-01T15:09:04.000Z|2013-03-01T15:09:04Z",
                "2017-10-11T10:41:00+0100|2017-10-11T09:41:00Z",
                "2022-10-11T11:14:42+02:00|2022-10-11T09:14:42Z",
                "2017-08-24T01:58:40+0000|2017-08-24T01:58:40Z",
                "Tue, 03 Sep 2024 10:20:00 +0200|2024-09-03T08:20:00Z",
                "Tue, 3 Sep 2024 11:05:00 GMT|2024-09-03T11:05:00Z",
                "3 Sep 2024 11:05 +02:00|2024-09-03T09:05:00Z",
                "2024-05-02|2024-05-02T00:00:00Z"
            })
    void readsTheTimestampSpellingsOfAgencyFormats(String text, String expected) {
        assertThat(WireDates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "2024-13-45T00:00:00Z", "''", "20241301T000000"})
    void givesNullForWhatItCannotRead(String text) {
        assertThat(WireDates.parse(text)).isNull();
    }
}
