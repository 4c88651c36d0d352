package io.wireingest.core.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * Reads the timestamps agency formats write: ISO 8601 extended and basic ({@code 20131020T192751+1100}), offsets
 * written as {@code Z}, {@code +02:00}, {@code +0200} or {@code +02}, RFC 822/1123 dates of RSS. A time without an
 * offset is read as UTC. Unreadable text gives null, never an exception: a bad date fails one field, not the item.
 */
public final class WireDates {
    private static final DateTimeFormatter EXTENDED = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu-MM-dd['T'][' ']HH:mm[:ss]")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendPattern("[XXX][XX][X]")
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter BASIC = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuuMMdd'T'HHmm[ss]")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendPattern("[XXX][XX][X]")
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final List<DateTimeFormatter> RFC_822 = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("[EEE, ]d MMM uuuu HH:mm[:ss] XXX", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("[EEE, ]d MMM uuuu HH:mm[:ss] z", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("[EEE, ]d MMM uuuu HH:mm[:ss] xx", Locale.ENGLISH));

    private WireDates() {}

    /** The instant a timestamp names, or null when it cannot be read. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        Instant iso = iso(s);
        if (iso != null) {
            return iso;
        }
        for (DateTimeFormatter f : RFC_822) {
            try {
                return ZonedDateTime.parse(s, f).toInstant();
            } catch (DateTimeException e) {
                // try the next spelling
            }
        }
        return null;
    }

    private static Instant iso(String s) {
        DateTimeFormatter f;
        if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            if (s.length() == 10) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            f = EXTENDED;
        } else if (s.length() >= 13 && s.charAt(8) == 'T' && Character.isDigit(s.charAt(0))) {
            f = BASIC;
        } else {
            return null;
        }
        try {
            TemporalAccessor t = f.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            if (t instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
