package io.wireingest.core.model;

/** The role an agency plays in the chain that brought a story to us. */
public enum AgencyRole {
    /** Wrote the story. IPTC information-source role {@code originatingParty}. */
    ORIGINATOR("originator", "https://cv.iptc.org/newscodes/infosourcerole/originparty"),
    /** Passed it on (e.g. OANA between member agencies). */
    DISTRIBUTOR("distributor", "https://cv.iptc.org/newscodes/infosourcerole/distributor"),
    /** Published the copy we received. */
    PUBLISHER("publisher", "https://cv.iptc.org/newscodes/infosourcerole/publisher");

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
