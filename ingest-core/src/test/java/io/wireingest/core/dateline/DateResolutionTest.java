package io.wireingest.core.dateline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateResolutionTest {
    private static DateResolution.Resolved resolve(DateParts parts, String reference) {
        return DateResolution.resolve(parts, Instant.parse(reference)).orElseThrow();
    }

    private static DateParts monthDay(int month, int day) {
        return new DateParts("x", null, month, day, null, null, null);
    }

    @Test
    void rollsDecemberBackWhenReceivedInJanuary() {
        DateResolution.Resolved r = resolve(monthDay(12, 29), "2025-01-02T08:00:00Z");
        assertThat(r.date()).hasToString("2024-12-29");
        assertThat(r.inferred()).isTrue();
    }

    @Test
    void allowsADateAFewDaysAfterTheReference() {
        // embargoed copy or a clock behind: 3 January received on 1 January is this year's
        assertThat(resolve(monthDay(1, 3), "2025-01-01T00:00:00Z").date()).hasToString("2025-01-03");
        // but 10 January received on 1 January is last year's
        assertThat(resolve(monthDay(1, 10), "2025-01-01T00:00:00Z").date()).hasToString("2024-01-10");
    }

    @Test
    void keepsAPrintedYear() {
        DateResolution.Resolved r = resolve(new DateParts("x", 2019, 5, 4, null, null, null), "2025-01-01T00:00:00Z");
        assertThat(r.date()).hasToString("2019-05-04");
        assertThat(r.inferred()).isFalse();
    }

    @Test
    void usesThePrintedWeekdayToPickTheYear() {
        // Friday 28 July: 2023 (2024's 28 July was a Sunday)
        DateParts parts = new DateParts("Jumat (28/7)", null, 7, 28, DayOfWeek.FRIDAY, null, null);
        assertThat(resolve(parts, "2024-12-02T09:30:00Z").date()).hasToString("2023-07-28");
    }

    @Test
    void skipsFebruary29thInYearsWithoutIt() {
        assertThat(resolve(monthDay(2, 29), "2025-03-01T00:00:00Z").date()).hasToString("2024-02-29");
    }

    @Test
    void refusesImpossibleDates() {
        assertThat(DateResolution.resolve(monthDay(13, 1), Instant.EPOCH)).isEmpty();
        assertThat(DateResolution.resolve(new DateParts("x", 2023, 2, 30, null, null, null), Instant.EPOCH))
                .isEmpty();
    }

    @Test
    void resolvesAgainstTheLocalDateOfThePrintedZone() {
        // 23:30 WIB on 31 December is 16:30 UTC; received at 17:00 UTC, the local date is still 31 December
        DateParts parts = new DateParts("x", null, 12, 31, null, LocalTime.of(23, 30), ZoneOffset.ofHours(7));
        DateResolution.Resolved r = resolve(parts, "2024-12-31T17:00:00Z");
        assertThat(r.date()).hasToString("2024-12-31");
        assertThat(r.dateTime()).hasToString("2024-12-31T23:30+07:00");
    }
}
