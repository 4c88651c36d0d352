package io.wireingest.core.dateline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GazetteerTest {
    private final Gazetteer gazetteer = Gazetteer.standard();

    @Test
    void findsCitiesWhateverTheCase() {
        assertThat(gazetteer.city("DAR ES SALAAM")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Dar es Salaam");
            assertThat(c.countryCode()).isEqualTo("TZ");
        });
        assertThat(gazetteer.city("pyongyang").map(Gazetteer.City::countryCode)).contains("KP");
        assertThat(gazetteer.city("Sejong").map(Gazetteer.City::countryCode)).contains("KR");
    }

    @Test
    void knowsOtherSpellingsOfACity() {
        assertThat(gazetteer.city("Saigon").map(Gazetteer.City::name)).contains("Ho Chi Minh City");
        assertThat(gazetteer.city("Yerusalem").map(Gazetteer.City::countryCode)).contains("IL");
    }

    @Test
    void readsCountryNamesInEnglishIndonesianAndMalay() {
        assertThat(gazetteer.countryCode("South Korea")).contains("KR");
        assertThat(gazetteer.countryCode("Korea Selatan")).contains("KR");
        assertThat(gazetteer.countryCode("Korut")).contains("KP");
        assertThat(gazetteer.countryCode("Tiongkok")).contains("CN");
        assertThat(gazetteer.countryCode("Amerika Syarikat")).contains("US");
        assertThat(gazetteer.countryName("PH")).contains("Philippines");
    }

    @Test
    void knowsNothingOfMadeUpPlaces() {
        assertThat(gazetteer.city("Atlantis")).isEmpty();
        assertThat(gazetteer.countryCode("Freedonia")).isEmpty();
    }
}
