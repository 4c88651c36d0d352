package io.wireingest.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The working document of one story on its way through the pipeline: what a reader parsed, refined by each stage.
 *
 * <p>The body is a jsoup element ({@code <div>}) whose children are the story's blocks ({@code p}, {@code h2}..
 * {@code h6}, {@code ul}, {@code ol}, {@code blockquote}, {@code pre}, {@code table}, {@code figure}). Readers put the
 * blocks in; stages remove furniture, the dateline lead and credit lines from it; the normalizer sanitizes and emits
 * it. A story is mutable and confined to the thread processing its item.
 */
public final class Story {
    private final WireFormat format;
    private final Element body;

    private String sourceId;
    private String version;
    private Instant firstCreated;
    private Instant versionCreated;
    private PubStatus pubStatus = PubStatus.USABLE;
    private Integer urgency;
    private String edNote;
    private Instant embargoed;
    private String headline;
    private String subheadline;
    private String byline;
    private String datelineText;
    private String language;
    private String url;
    private String copyrightHolder;
    private String copyrightNotice;
    private String takeKey;
    private String slugline;
    private Dateline dateline;
    private Attribution attribution = Attribution.empty();

    private final List<String> creditLines = new ArrayList<>();
    private final List<String> signals = new ArrayList<>();
    private final List<Subject> subjects = new ArrayList<>();
    private final List<Contributor> contributors = new ArrayList<>();
    private final List<RelatedLink> related = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> altIds = new LinkedHashMap<>();

    /** A story of the given format with an empty body. */
    public Story(WireFormat format) {
        this.format = format;
        this.body = Document.createShell("").body().appendElement("div");
    }

    public WireFormat format() {
        return format;
    }

    /** The body container; its children are the blocks. */
    public Element body() {
        return body;
    }

    /** Appends a paragraph with the given plain text (escaped) and returns it. */
    public Element addParagraph(String text) {
        return body.appendElement("p").text(text);
    }

    public String sourceId() {
        return sourceId;
    }

    public Story sourceId(String value) {
        this.sourceId = value;
        return this;
    }

    public String version() {
        return version;
    }

    public Story version(String value) {
        this.version = value;
        return this;
    }

    public Instant firstCreated() {
        return firstCreated;
    }

    public Story firstCreated(Instant value) {
        this.firstCreated = value;
        return this;
    }

    public Instant versionCreated() {
        return versionCreated;
    }

    public Story versionCreated(Instant value) {
        this.versionCreated = value;
        return this;
    }

    public PubStatus pubStatus() {
        return pubStatus;
    }

    public Story pubStatus(PubStatus value) {
        this.pubStatus = value;
        return this;
    }

    /** ninjs urgency 1 (most urgent) to 9, or null. */
    public Integer urgency() {
        return urgency;
    }

    public Story urgency(Integer value) {
        this.urgency = value;
        return this;
    }

    public String edNote() {
        return edNote;
    }

    public Story edNote(String value) {
        this.edNote = value;
        return this;
    }

    public Instant embargoed() {
        return embargoed;
    }

    public Story embargoed(Instant value) {
        this.embargoed = value;
        return this;
    }

    public String headline() {
        return headline;
    }

    public Story headline(String value) {
        this.headline = value;
        return this;
    }

    public String subheadline() {
        return subheadline;
    }

    public Story subheadline(String value) {
        this.subheadline = value;
        return this;
    }

    /** The byline as printed (e.g. {@code By Jane Doe}), or null. */
    public String byline() {
        return byline;
    }

    public Story byline(String value) {
        this.byline = value;
        return this;
    }

    /** A dateline from a structured field of the source format, or null: then the body lead is read. */
    public String datelineText() {
        return datelineText;
    }

    public Story datelineText(String value) {
        this.datelineText = value;
        return this;
    }

    /** Language as BCP 47 tag, from the source or detection; null until known. */
    public String language() {
        return language;
    }

    public Story language(String value) {
        this.language = value;
        return this;
    }

    public String url() {
        return url;
    }

    public Story url(String value) {
        this.url = value;
        return this;
    }

    public String copyrightHolder() {
        return copyrightHolder;
    }

    public Story copyrightHolder(String value) {
        this.copyrightHolder = value;
        return this;
    }

    public String copyrightNotice() {
        return copyrightNotice;
    }

    public Story copyrightNotice(String value) {
        this.copyrightNotice = value;
        return this;
    }

    /** Agency take key such as {@code 1stLd-Writethru}, or null. */
    public String takeKey() {
        return takeKey;
    }

    public Story takeKey(String value) {
        this.takeKey = value;
        return this;
    }

    /** The agency slugline without its take key (e.g. {@code BC-US--Earns-Nutrisystem}), or null. */
    public String slugline() {
        return slugline;
    }

    public Story slugline(String value) {
        this.slugline = value;
        return this;
    }

    public Dateline dateline() {
        return dateline;
    }

    public Story dateline(Dateline value) {
        this.dateline = value;
        return this;
    }

    public Attribution attribution() {
        return attribution;
    }

    public Story attribution(Attribution value) {
        this.attribution = value == null ? Attribution.empty() : value;
        return this;
    }

    /** Credit lines found by readers or cleaning (e.g. {@code Sumber: Yonhap-OANA}), read by the attribution stage. */
    public List<String> creditLines() {
        return creditLines;
    }

    /** Signals such as {@code update}, {@code correction}. */
    public List<String> signals() {
        return signals;
    }

    public List<Subject> subjects() {
        return subjects;
    }

    public List<Contributor> contributors() {
        return contributors;
    }

    public List<RelatedLink> related() {
        return related;
    }

    /** What the pipeline could not do for this story; each a short sentence. */
    public List<String> warnings() {
        return warnings;
    }

    /** Alternative ids: role (e.g. {@code guid}) to value. */
    public Map<String, String> altIds() {
        return altIds;
    }

    /** Adds a warning unless the same one is already there. */
    public void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }
}
