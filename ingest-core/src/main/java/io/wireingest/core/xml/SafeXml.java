package io.wireingest.core.xml;

import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;

/**
 * Parses agency XML safely into a jsoup element tree, with the JDK's StAX parser.
 *
 * <p>Safety: DTDs are not read (a {@code DOCTYPE} naming an external DTD is skipped, never fetched), external
 * entities are off, external DTD and schema access is forbidden (no network, no files), and a document that declares
 * entities in an internal DTD subset is refused outright, so no entity is ever expanded (billion-laughs safe).
 * Element nesting deeper than {@link io.wireingest.core.pipeline.Limits#maxDepth()} is refused. A byte-order mark or
 * white space before the prolog is ignored. HTML named entities such as {@code &nbsp;}, common in hand-made NITF,
 * are read as the characters they name.
 *
 * <p>The tree: elements are named by their local name (namespace prefixes dropped, case kept), attributes by their
 * local name except {@code xml:lang}; text and CDATA become text nodes; comments and processing instructions are
 * dropped. Query it with jsoup selectors on lowercase names (jsoup matches tag names case-insensitively).
 */
public final class SafeXml {
    /** One configured factory per thread: the JDK does not promise that a shared factory is thread-safe. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(SafeXml::factory);

    private static final Pattern NAMED_ENTITY = Pattern.compile("&([A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern ENTITY_DECLARATION = Pattern.compile("<!ENTITY", Pattern.CASE_INSENSITIVE);
    private static final int TIME_CHECK_EVERY = 4096;

    private SafeXml() {}

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the class path.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        setIfSupported(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        setIfSupported(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // Belt and braces: the JDK's own expansion limits, far below its defaults.
        setIfSupported(f, "jdk.xml.entityExpansionLimit", "100");
        setIfSupported(f, "jdk.xml.totalEntitySizeLimit", "100000");
        setIfSupported(f, "jdk.xml.maxGeneralEntitySizeLimit", "10000");
        return f;
    }

    private static void setIfSupported(XMLInputFactory f, String property, Object value) {
        try {
            f.setProperty(property, value);
        } catch (IllegalArgumentException unsupported) {
            // an older or different JDK parser: the other settings still hold
        }
    }

    /**
     * Parses XML text into a document whose single child element is the root.
     *
     * @throws RejectedException at stage {@code parse}: {@code malformed-xml}, {@code xml-entities} (an internal DTD
     *     declares entities) or {@code too-deep} (nesting over the depth limit)
     */
    public static Document parse(String text, ItemContext context) throws RejectedException {
        int maxDepth = context.limits().maxDepth();
        String stripped = stripToProlog(text);
        if (rootStart(stripped) < 0) {
            throw new RejectedException(
                    StageName.PARSE,
                    "malformed-xml",
                    "no root element starts within the first 64 KiB (after the prolog and DOCTYPE)");
        }
        if (ENTITY_DECLARATION.matcher(prolog(stripped)).find()) {
            throw new RejectedException(
                    StageName.PARSE,
                    "xml-entities",
                    "the XML declares entities in its DTD; entity declarations are never expanded");
        }
        String xml = withHtmlEntitiesResolved(stripped);
        Document doc = new Document("");
        doc.outputSettings().syntax(Document.OutputSettings.Syntax.xml).prettyPrint(false);
        Element current = null;
        int depth = 0;
        int events = 0;
        XMLStreamReader r = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int event = r.next();
                if (++events % TIME_CHECK_EVERY == 0) {
                    context.checkTime();
                }
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        String dtd = r.getText();
                        if (dtd != null && ENTITY_DECLARATION.matcher(dtd).find()) {
                            throw new RejectedException(
                                    StageName.PARSE,
                                    "xml-entities",
                                    "the XML declares entities in its DTD; entity declarations are never expanded");
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (depth > maxDepth) {
                            throw new RejectedException(
                                    StageName.PARSE,
                                    "too-deep",
                                    "XML elements are nested more than " + maxDepth + " levels deep");
                        }
                        Element el = new Element(r.getLocalName());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String prefix = r.getAttributePrefix(i);
                            String name = r.getAttributeLocalName(i);
                            String key = "xml".equals(prefix) ? "xml:" + name : name;
                            el.attr(key, r.getAttributeValue(i));
                        }
                        if (current == null) {
                            doc.appendChild(el);
                        } else {
                            current.appendChild(el);
                        }
                        current = el;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        current = current == null ? null : current.parent();
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (current != null) {
                            current.appendChild(new TextNode(r.getText()));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new RejectedException(
                                StageName.PARSE,
                                "xml-entities",
                                "the XML refers to entity &" + r.getLocalName() + "; which is never expanded");
                    default -> {
                        // comments, processing instructions, document start and end: not content
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new RejectedException(StageName.PARSE, "malformed-xml", describe(e), e);
        } finally {
            close(r);
        }
        if (doc.children().isEmpty()) {
            throw new RejectedException(StageName.PARSE, "malformed-xml", "the XML has no root element");
        }
        return doc;
    }

    /** The root element of a parsed document. */
    public static Element root(Document doc) {
        return doc.child(0);
    }

    /**
     * The local name of the root element, from the first few kilobytes only, or null when the text does not start
     * like XML. A cheap sniff for recognizers, not a parse: comments, the prolog and a DOCTYPE are skipped.
     */
    public static String rootName(String text) {
        String s = stripToProlog(text);
        int i = rootStart(s);
        if (i < 0) {
            return null;
        }
        int start = i + 1;
        int j = start;
        while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "/>".indexOf(s.charAt(j)) < 0) {
            j++;
        }
        String qname = s.substring(start, j);
        int colon = qname.indexOf(':');
        String local = colon >= 0 ? qname.substring(colon + 1) : qname;
        return local.isEmpty() ? null : local;
    }

    /** Everything before the root element: prolog, comments, DOCTYPE with its internal subset. */
    static String prolog(String s) {
        int i = rootStart(s);
        return i < 0 ? s.substring(0, Math.min(s.length(), 64 * 1024)) : s.substring(0, i);
    }

    /** Offset of the root element's {@code <} in the first 64 KiB, or -1. */
    private static int rootStart(String s) {
        int i = 0;
        int limit = Math.min(s.length(), 64 * 1024);
        while (i < limit) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            }
            if (s.charAt(i) != '<') {
                return -1;
            }
            int end;
            if (s.startsWith("<?", i)) {
                end = s.indexOf("?>", i);
                end = end < 0 ? -1 : end + 2;
            } else if (s.startsWith("<!--", i)) {
                end = s.indexOf("-->", i);
                end = end < 0 ? -1 : end + 3;
            } else if (s.startsWith("<!", i)) {
                end = s.indexOf('>', i);
                int bracket = s.indexOf('[', i);
                if (bracket >= 0 && end >= 0 && bracket < end) {
                    end = s.indexOf("]", bracket);
                    end = end < 0 ? -1 : s.indexOf('>', end);
                }
                end = end < 0 ? -1 : end + 1;
            } else {
                return i;
            }
            if (end < 0) {
                return -1;
            }
            i = end;
        }
        return -1;
    }

    /** Drops byte-order marks and white space before the first {@code <}. */
    static String stripToProlog(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\uFEFF' || Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        return i == 0 ? text : text.substring(i);
    }

    /** Replaces HTML named entities (not the five XML ones) with numeric references the parser reads without a DTD. */
    static String withHtmlEntitiesResolved(String xml) {
        if (xml.indexOf('&') < 0) {
            return xml;
        }
        Matcher m = NAMED_ENTITY.matcher(xml);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            switch (name) {
                case "amp", "lt", "gt", "quot", "apos" -> {
                    continue;
                }
                default -> {
                    // fall through to the lookup
                }
            }
            String chars = Entities.isNamedEntity(name) ? Entities.getByName(name) : "";
            if (chars.isEmpty()) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(xml.length());
            }
            sb.append(xml, last, m.start());
            for (int cp : chars.codePoints().toArray()) {
                sb.append("&#x")
                        .append(Integer.toHexString(cp).toUpperCase(Locale.ROOT))
                        .append(';');
            }
            last = m.end();
        }
        if (sb == null) {
            return xml;
        }
        sb.append(xml, last, xml.length());
        return sb.toString();
    }

    private static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; keep it on one line.
        message = message.replace('\n', ' ').replace("Message: ", "").strip();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a reader over a String cannot fail in a way that matters
            }
        }
    }
}
