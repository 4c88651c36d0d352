package io.wireingest.core.model;

/**
 * The role an agency plays in the chain that brought a story to us. The IPTC role URIs come from the NewsCodes scheme
 * "Content Production Party Role" ({@code http://cv.iptc.org/newscodes/contentprodpartyrole/}, alias {@code cpprole}):
 * IPTC retired the concepts of the older "Information Source Role" scheme ({@code infosourcerole}, alias
 * {@code isrol}) on 2018-04-04 in favour of it. NewsCodes URIs use {@code http}.
 */
public enum AgencyRole {
    /** Wrote the story. IPTC role {@code cpprole:origcont} (the party that originated the content). */
    ORIGINATOR("originator", "http://cv.iptc.org/newscodes/contentprodpartyrole/origcont"),
    /** Passed it on (e.g. OANA between member agencies). IPTC role {@code cpprole:distributor}. */
    DISTRIBUTOR("distributor", "http://cv.iptc.org/newscodes/contentprodpartyrole/distributor"),
    /**
     * Published the copy we received. IPTC has no publisher role for an information source; from the receiver's side
     * the publisher is the last party that distributed the content, so it maps to {@code cpprole:distributor} (the
     * precise role stays in {@code wire.attribution.chain}).
     */
    PUBLISHER("publisher", "http://cv.iptc.org/newscodes/contentprodpartyrole/distributor");

    private final String id;
    private final String iptcRole;

    AgencyRole(String id, String iptcRole) {
        this.id = id;
        this.iptcRole = iptcRole;
    }

    /** Lowercase name used in {@code wire.attribution.chain[].role}. */
    public String id() {
        return id;
    }

    /** IPTC NewsCodes information-source role URI, used in ninjs {@code infoSources[].role}. */
    public String iptcRole() {
        return iptcRole;
    }
}
