package io.wireingest.core.dateline;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Turns a printed date into a calendar date against a reference time (the item's own timestamp, else when it was
 * received). A date without a year is the latest such date not more than {@link #SLACK_DAYS} days after the reference,
 * so {@code Dec. 29} received on 2 January is the previous year; a printed weekday picks among the years.
 */
public final class DateResolution {
    /** How far after the reference a dateline date may lie (clocks, time zones, embargoed copy). */
    public static final int SLACK_DAYS = 3;

    /** How many years back a weekday-and-day date may be searched for a matching weekday. */
    private static final int WEEKDAY_YEARS = 11;

    /**
     * A resolved date.
     *
     * @param date the calendar date
     * @param inferred true when the year (or more) was not printed
     * @param dateTime the moment, when a time and a known time zone were printed; else null
     */
    public record Resolved(LocalDate date, boolean inferred, OffsetDateTime dateTime) {}

    private DateResolution() {}

    /** Resolves the parts against the reference; empty when they name no real date. */
    public static Optional<Resolved> resolve(DateParts parts, Instant reference) {
        if (parts == null || parts.month() < 1 || parts.month() > 12 || parts.day() < 1 || parts.day() > 31) {
            return Optional.empty();
        }
        ZoneOffset zone = parts.offset() != null ? parts.offset() : ZoneOffset.UTC;
        LocalDate ref = reference == null ? null : reference.atOffset(zone).toLocalDate();
        LocalDate date;
        boolean inferred;
        if (parts.year() != null) {
            date = of(parts.year(), parts.month(), parts.day());
            inferred = false;
        } else {
            if (ref == null) {
                return Optional.empty();
            }
            date = latestNotAfter(parts, ref.plusDays(SLACK_DAYS));
            inferred = true;
        }
        if (date == null) {
            return Optional.empty();
        }
        OffsetDateTime dateTime = parts.time() != null && parts.offset() != null
                ? OffsetDateTime.of(date, parts.time(), parts.offset())
                : null;
        return Optional.of(new Resolved(date, inferred, dateTime));
    }

    private static LocalDate latestNotAfter(DateParts parts, LocalDate limit) {
        if (parts.weekday() != null) {
            for (int y = limit.getYear(); y >= limit.getYear() - WEEKDAY_YEARS; y--) {
                LocalDate d = of(y, parts.month(), parts.day());
                if (d != null && !d.isAfter(limit) && d.getDayOfWeek() == parts.weekday()) {
                    return d;
                }
            }
        }
        for (int y = limit.getYear(); y >= limit.getYear() - 4; y--) {
            LocalDate d = of(y, parts.month(), parts.day());
            if (d != null && !d.isAfter(limit)) {
                return d;
            }
        }
        return null;
    }

    private static LocalDate of(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
