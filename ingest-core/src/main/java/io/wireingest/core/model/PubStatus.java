package io.wireingest.core.model;

/** ninjs publication status. */
public enum PubStatus {
    USABLE("usable"),
    WITHHELD("withheld"),
    CANCELED("canceled");

    private final String ninjs;

    PubStatus(String ninjs) {
        this.ninjs = ninjs;
    }

    /** The ninjs spelling. */
    public String ninjs() {
        return ninjs;
    }
}
