package io.wireingest.core.dateline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZoneTableTest {
    @ParameterizedTest
    @CsvSource({
        "WIB, +07:00", "wita, +08:00", "Wita, +08:00", "WIT, +09:00", "KST, +09:00", "JST, +09:00", "PHT, +08:00",
        "MYT, +08:00", "SGT, +08:00", "ICT, +07:00", "IST, +05:30", "NPT, +05:45", "GMT, Z", "AEDT, +11:00"
    })
    void mapsAbbreviationsThroughTheTable(String abbreviation, String offset) {
        assertThat(TimeZoneTable.offset(abbreviation)).contains(ZoneOffset.of(offset));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CST", "BST", "AST", "PST", "XYZ", ""})
    void leavesAmbiguousOrUnknownAbbreviationsWithoutOffset(String abbreviation) {
        assertThat(TimeZoneTable.offset(abbreviation)).isEmpty();
    }
}
