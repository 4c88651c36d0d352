package io.wireingest.core.dateline;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A date as printed, taken apart: what the text says and nothing more. Resolved into a calendar date by
 * {@link DateResolution}.
 *
 * @param text the date as printed
 * @param year the year as printed (two-digit years already widened), or null
 * @param month 1-12
 * @param day 1-31
 * @param weekday the weekday as printed, or null
 * @param time the time of day as printed, or null
 * @param offset the offset its time-zone abbreviation stands for, or null
 */
public record DateParts(
        String text, Integer year, int month, int day, DayOfWeek weekday, LocalTime time, ZoneOffset offset) {}
