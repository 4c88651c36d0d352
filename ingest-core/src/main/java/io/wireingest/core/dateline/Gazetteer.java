package io.wireingest.core.dateline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Dateline cities and countries: a city's usual spelling and country, and country names (English, Indonesian, Malay)
 * with their ISO 3166-1 alpha-2 codes. Loaded once from {@code cities.tsv} and {@code countries.tsv}; immutable.
 */
public final class Gazetteer {
    /**
     * A known city.
     *
     * @param name its usual spelling, e.g. {@code Dar es Salaam}
     * @param countryCode ISO 3166-1 alpha-2 code
     */
    public record City(String name, String countryCode) {}

    private static final Gazetteer STANDARD = new Gazetteer();

    private final Map<String, City> cities = new HashMap<>();
    private final Map<String, String> countryCodes = new HashMap<>();
    private final Map<String, String> countryNames = new HashMap<>();
    private final Map<String, String> regionCountries = new HashMap<>();

    private Gazetteer() {
        read("countries.tsv", (cols) -> {
            String code = cols[0];
            String[] names = cols[1].split("\\|");
            countryNames.put(code, names[0]);
            for (String n : names) {
                countryCodes.putIfAbsent(key(n), code);
            }
        });
        read("regions.tsv", (cols) -> {
            for (String n : cols[1].split("\\|")) {
                regionCountries.putIfAbsent(n.strip(), cols[0]);
            }
        });
        read("cities.tsv", (cols) -> {
            String[] codes = cols[1].split("\\|");
            City city = new City(cols[0], codes[0]);
            cities.putIfAbsent(key(cols[0]), city);
            for (int i = 1; i < codes.length; i++) {
                cities.putIfAbsent(key(codes[i]), city);
            }
        });
    }

    /** The built-in gazetteer. */
    public static Gazetteer standard() {
        return STANDARD;
    }

    /** The city a dateline place names, ignoring case and punctuation. */
    public Optional<City> city(String place) {
        return place == null ? Optional.empty() : Optional.ofNullable(cities.get(key(place)));
    }

    /** The ISO code of a country name in any of its spellings ({@code Korea Selatan} → {@code KR}). */
    public Optional<String> countryCode(String country) {
        return country == null ? Optional.empty() : Optional.ofNullable(countryCodes.get(key(country)));
    }

    /**
     * The ISO code of the country of a region a dateline prints after its city ({@code Pa.}, {@code Calif.},
     * {@code Sabah}, {@code Jatim}); spelled exactly, since postal codes are short.
     */
    public Optional<String> regionCountryCode(String region) {
        return region == null ? Optional.empty() : Optional.ofNullable(regionCountries.get(region.strip()));
    }

    /** The English short name of a country by ISO code. */
    public Optional<String> countryName(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(countryNames.get(code));
    }

    /** The same lookup key as the agency directory's: lowercase letters and digits only. */
    static String key(String name) {
        return io.wireingest.core.attribution.AgencyDirectory.key(name);
    }

    private interface Row {
        void accept(String[] cols);
    }

    private static void read(String resource, Row row) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length >= 2) {
                    row.accept(cols);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
