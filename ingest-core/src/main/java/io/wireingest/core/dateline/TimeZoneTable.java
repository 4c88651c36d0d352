package io.wireingest.core.dateline;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Time-zone abbreviations that wire copy prints in timestamps, mapped to fixed offsets by an explicit table. The JDK's
 * abbreviation parsing is never used: it is ambiguous ({@code IST}, {@code CST}) and depends on the default locale.
 * Abbreviations that mean different offsets in the regions we read ({@code CST}, {@code BST}, {@code AST},
 * {@code PST}) are left out on purpose: a time with one of them keeps no offset.
 */
public final class TimeZoneTable {
    private TimeZoneTable() {}

    private static final Map<String, ZoneOffset> OFFSETS = Map.ofEntries(
            Map.entry("WIB", ZoneOffset.ofHours(7)),
            Map.entry("WITA", ZoneOffset.ofHours(8)),
            Map.entry("WIT", ZoneOffset.ofHours(9)),
            Map.entry("KST", ZoneOffset.ofHours(9)),
            Map.entry("JST", ZoneOffset.ofHours(9)),
            Map.entry("PHT", ZoneOffset.ofHours(8)),
            Map.entry("PHST", ZoneOffset.ofHours(8)),
            Map.entry("MYT", ZoneOffset.ofHours(8)),
            Map.entry("SGT", ZoneOffset.ofHours(8)),
            Map.entry("HKT", ZoneOffset.ofHours(8)),
            Map.entry("AWST", ZoneOffset.ofHours(8)),
            Map.entry("ICT", ZoneOffset.ofHours(7)),
            Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("NPT", ZoneOffset.ofHoursMinutes(5, 45)),
            Map.entry("PKT", ZoneOffset.ofHours(5)),
            Map.entry("MMT", ZoneOffset.ofHoursMinutes(6, 30)),
            Map.entry("AEST", ZoneOffset.ofHours(10)),
            Map.entry("AEDT", ZoneOffset.ofHours(11)),
            Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)),
            Map.entry("NZST", ZoneOffset.ofHours(12)),
            Map.entry("NZDT", ZoneOffset.ofHours(13)),
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC),
            Map.entry("WET", ZoneOffset.UTC),
            Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)),
            Map.entry("MSK", ZoneOffset.ofHours(3)),
            Map.entry("TRT", ZoneOffset.ofHours(3)),
            Map.entry("EAT", ZoneOffset.ofHours(3)),
            Map.entry("WAT", ZoneOffset.ofHours(1)),
            Map.entry("SAST", ZoneOffset.ofHours(2)),
            Map.entry("IRST", ZoneOffset.ofHoursMinutes(3, 30)),
            Map.entry("GST", ZoneOffset.ofHours(4)),
            Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("HST", ZoneOffset.ofHours(-10)));

    /** Regular-expression alternation of every abbreviation in the table (use case-insensitively). */
    static final String ABBREVIATION = "(?:"
            + String.join(
                    "|",
                    OFFSETS.keySet().stream()
                            .filter(k -> !k.equals("Z"))
                            .sorted((a, b) -> b.length() - a.length())
                            .toList())
            + ")";

    /** The fixed offset an abbreviation stands for ({@code WITA} → +08:00), case-insensitive; empty when unknown. */
    public static Optional<ZoneOffset> offset(String abbreviation) {
        if (abbreviation == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(OFFSETS.get(abbreviation.strip().toUpperCase(Locale.ROOT)));
    }
}
