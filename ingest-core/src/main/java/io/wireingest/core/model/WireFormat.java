package io.wireingest.core.model;

/** The wire formats the recognizer can tell apart. The id is what {@code wire.source.format} says. */
public enum WireFormat {
    NINJS("ninjs"),
    NITF("nitf"),
    NEWSML_G2("newsml-g2"),
    NEWSML_1("newsml-1.2"),
    ANPA_1312("anpa-1312"),
    IPTC_7901("iptc-7901"),
    RSS("rss"),
    ATOM("atom"),
    HTML("html"),
    TEXT("text");

    private final String id;

    WireFormat(String id) {
        this.id = id;
    }

    /** Short lowercase name used in articles and metrics. */
    public String id() {
        return id;
    }
}
