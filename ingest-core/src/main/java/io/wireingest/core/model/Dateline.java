package io.wireingest.core.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A story's dateline as read from its lead or a structured field.
 *
 * @param text the dateline as printed, e.g. {@code Seoul (ANTARA) -}
 * @param place the place in title case, e.g. {@code Dar es Salaam}; multi-place datelines keep the slash
 * @param country the country as printed, else from the gazetteer, or null
 * @param countryCode ISO 3166-1 alpha-2 code where known, or null
 * @param agency canonical agency name from the agency directory, or null
 * @param dateText the date as printed, or null
 * @param date the resolved calendar date, or null
 * @param dateInferred true when the year (or more) of {@code date} was inferred
 * @param outlet the publishing outlet when the dateline names one ({@code KOMPAS.com}, {@code TEMPO.CO}), or null
 * @param dateTime the moment, when the dated text printed a time with a known time-zone abbreviation; else null
 */
public record Dateline(
        String text,
        String place,
        String country,
        String countryCode,
        String agency,
        String dateText,
        LocalDate date,
        boolean dateInferred,
        String outlet,
        OffsetDateTime dateTime) {

    /** A dateline without outlet or time. */
    public Dateline(
            String text,
            String place,
            String country,
            String countryCode,
            String agency,
            String dateText,
            LocalDate date,
            boolean dateInferred) {
        this(text, place, country, countryCode, agency, dateText, date, dateInferred, null, null);
    }
}
