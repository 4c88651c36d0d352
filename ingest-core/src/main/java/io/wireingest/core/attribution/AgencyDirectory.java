package io.wireingest.core.attribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agencies, exchanges, outlets and media that wire copy names, each with its canonical name and the aliases it
 * goes by ({@code Antara}, {@code ANTARA News} → {@code ANTARA}; {@code Kantor Berita Pusat Korea} → {@code KCNA}).
 * Loaded once from {@code agencies.tsv}; immutable and thread-safe.
 */
public final class AgencyDirectory {
    /** What kind of party an entry is. */
    public enum Kind {
        /** A news agency that writes copy. */
        AGENCY,
        /** An exchange or relay between agencies (OANA, NNN): a distributor. */
        EXCHANGE,
        /** A publisher's own site or paper that prints its name in datelines (Indonesian outlets). */
        OUTLET,
        /** A newspaper or broadcaster that copy cites. */
        MEDIA
    }

    /**
     * One entry.
     *
     * @param name canonical name
     * @param kind what it is
     * @param countryCode ISO 3166-1 alpha-2 code of its home country, or null
     * @param aliases every name it goes by, the canonical one first
     */
    public record Entry(String name, Kind kind, String countryCode, List<String> aliases) {}

    private static final AgencyDirectory STANDARD = load("agencies.tsv");

    /** State agencies that "state media" of a country means when copy names no agency. */
    private static final Map<String, String> STATE_AGENCY = Map.of(
            "KP",
            "KCNA",
            "CN",
            "Xinhua",
            "VN",
            "VNA",
            "LA",
            "KPL",
            "IR",
            "IRNA",
            "SY",
            "SANA",
            "RU",
            "TASS",
            "BY",
            "BelTA",
            "MM",
            "MNA",
            "CU",
            "Prensa Latina");

    /** Words in feed names that name a transport or a section, never an agency. */
    private static final java.util.Set<String> FEED_NOISE = java.util.Set.of(
            "rss", "atom", "feed", "feeds", "xml", "json", "http", "https", "www", "com", "news", "wire");

    private final Map<String, Entry> byKey;
    private final List<Entry> entries;

    private AgencyDirectory(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, Entry> map = new HashMap<>();
        for (Entry e : entries) {
            for (String alias : e.aliases()) {
                map.putIfAbsent(key(alias), e);
            }
        }
        this.byKey = Map.copyOf(map);
    }

    /** The built-in directory. */
    public static AgencyDirectory standard() {
        return STANDARD;
    }

    /** The entry a name or alias denotes, ignoring case, spaces and punctuation. */
    public Optional<Entry> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(key(name)));
    }

    /**
     * The entry a name denotes, or the entry of its longest known leading words ({@code ANTARA News Jatim} → ANTARA,
     * {@code Reuters Breakingviews} → Reuters).
     */
    public Optional<Entry> findPrefix(String name) {
        Optional<Entry> whole = find(name);
        if (whole.isPresent() || name == null) {
            return whole;
        }
        String[] words = name.strip().split("\\s+");
        for (int n = words.length - 1; n >= 1; n--) {
            Optional<Entry> e = find(String.join(" ", java.util.Arrays.copyOf(words, n)));
            if (e.isPresent() && e.get().kind() != Kind.MEDIA) {
                return e;
            }
        }
        return Optional.empty();
    }

    /** The canonical name for a name or alias, if the directory knows it. */
    public Optional<String> canonical(String name) {
        return find(name).map(Entry::name);
    }

    /** True when the name denotes an entry of one of the given kinds. */
    public boolean is(String name, Kind... kinds) {
        Optional<Entry> e = find(name);
        if (e.isEmpty()) {
            return false;
        }
        for (Kind k : kinds) {
            if (e.get().kind() == k) {
                return true;
            }
        }
        return false;
    }

    /** The state agency that a country's "state media" means, by ISO code (KP → KCNA). */
    public Optional<String> stateAgency(String countryCode) {
        return Optional.ofNullable(STATE_AGENCY.get(countryCode));
    }

    /** Every entry, in directory order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The agency a feed name stands for ({@code antara-id}, {@code reuters_world}, {@code yonhap}), read from its
     * leading tokens; empty when the feed name names no known agency.
     */
    public Optional<Entry> forFeed(String feed) {
        if (feed == null) {
            return Optional.empty();
        }
        String[] tokens = feed.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        for (int i = 0; i < tokens.length && i < 4; i++) {
            if (FEED_NOISE.contains(tokens[i])) {
                continue;
            }
            for (String candidate :
                    i + 1 < tokens.length ? List.of(tokens[i] + tokens[i + 1], tokens[i]) : List.of(tokens[i])) {
                Entry hit = byKey.get(candidate);
                if (hit != null && hit.kind() != Kind.MEDIA) {
                    return Optional.of(hit);
                }
            }
        }
        return Optional.empty();
    }

    /** Lowercase letters and digits only: {@code ANTARA News} and {@code antaranews} share a key. */
    public static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private static AgencyDirectory load(String resource) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = AgencyDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                List<String> aliases = new ArrayList<>();
                aliases.add(cols[0]);
                if (cols.length > 3 && !cols[3].isBlank()) {
                    for (String a : cols[3].split("\\|")) {
                        if (!a.isBlank()) {
                            aliases.add(a.strip());
                        }
                    }
                }
                String country = cols.length > 2 && !cols[2].equals("-") && !cols[2].isBlank() ? cols[2] : null;
                entries.add(new Entry(
                        cols[0],
                        Kind.valueOf(cols[1].toUpperCase(Locale.ROOT)),
                        country,
                        Collections.unmodifiableList(aliases)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AgencyDirectory(entries);
    }
}
