package io.wireingest.core.format;

import io.wireingest.core.model.Story;
import io.wireingest.core.pipeline.ItemContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * Turns the body of an XML story (NITF {@code body.content}, an XHTML {@code body}) into story blocks. NITF's own
 * elements are renamed to their HTML counterparts ({@code hl2} → {@code h2}, {@code bq} → {@code blockquote},
 * {@code block} → {@code div}); media and notes are dropped; the result is parsed as HTML with the depth limit and
 * copied with {@link HtmlBlocks}, so tables and {@code pre} copy stay as they are.
 */
public final class XmlBlocks {
    private static final Map<String, String> RENAME = Map.of(
            "hl1", "h2",
            "hl2", "h2",
            "bq", "blockquote",
            "block", "div",
            "nitf-table", "div",
            "tagline", "p",
            "body.content", "div",
            "body.end", "div",
            "section", "div",
            "article", "div");

    private XmlBlocks() {}

    /** Appends the blocks of an XML body element to the story. */
    public static void copy(Element xmlBody, Story story, ItemContext context) {
        Document holder = new Document("");
        holder.outputSettings().prettyPrint(false);
        Element copy = xmlBody.clone();
        holder.appendChild(copy);
        copy.select("media, media-reference, note, fn, nitf-table-metadata, header, footer, head, title, style, script")
                .remove();
        for (Element el : copy.getAllElements()) {
            String renamed = RENAME.get(el.normalName());
            if (renamed != null) {
                el.tagName(renamed);
            } else if (el.normalName().contains(".") || el.normalName().contains(":")) {
                el.tagName("div");
            }
        }
        if (copy.children().isEmpty() && copy.wholeText().strip().lines().count() >= 3) {
            // Bare text laid out in lines (agency tables, results): preformatted copy.
            story.body().appendElement("pre").text(preformatted(copy.wholeText()));
            return;
        }
        int before = story.body().childrenSize();
        copyHtml(copy.html(), story, context);
        splitWrapped(story, before);
        unwrapSoftBreaks(story, before);
    }

    /**
     * Removes the line breaks of hard-wrapped copy ({@code "which has major <br />petrochemical holdings"}, AAP and
     * AFP NITF): a {@code br} after a space and before more text of the same paragraph is a teletype line end, not a
     * break the story means. A {@code br} after text without a space (an address, a verse) is kept.
     */
    static void unwrapSoftBreaks(Story story, int from) {
        List<Element> blocks = story.body().children();
        for (int i = from; i < blocks.size(); i++) {
            for (Element br : blocks.get(i).select("p br, li br, blockquote br")) {
                if (br.previousSibling() instanceof TextNode before
                        && br.nextSibling() instanceof TextNode after
                        && before.getWholeText().endsWith(" ")
                        && !after.getWholeText().isBlank()) {
                    br.remove();
                }
            }
        }
    }

    /** Lines stripped of layout indentation, runs of blank lines collapsed to one. */
    static String preformatted(String text) {
        StringBuilder sb = new StringBuilder();
        boolean blank = false;
        for (String line : text.strip().split("\r?\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                blank = sb.length() > 0;
                continue;
            }
            if (sb.length() > 0) {
                sb.append(blank ? "\n\n" : "\n");
            }
            blank = false;
            sb.append(l);
        }
        return sb.toString();
    }

    /**
     * Splits paragraphs that hold a whole hard-wrapped story (text with line breaks where indented lines start new
     * paragraphs, as Reuters and ANSA send it) into one paragraph per indented line or blank-line block.
     */
    static void splitWrapped(Story story, int from) {
        List<Element> blocks = new ArrayList<>(
                story.body().children().subList(from, story.body().childrenSize()));
        for (Element p : blocks) {
            if (!p.normalName().equals("p") || !p.children().isEmpty()) {
                continue;
            }
            String text = p.wholeText();
            String[] lines = text.split("\r?\n");
            int indented = 0;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].startsWith("  ") || lines[i].startsWith("\t")) {
                    indented++;
                }
            }
            if (indented < 2) {
                continue;
            }
            List<String> paragraphs = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean previousBlank = false;
            for (int i = 0; i < lines.length; i++) {
                String line = TextBlocks.squash(lines[i]);
                if (line.isEmpty()) {
                    previousBlank = true;
                    continue;
                }
                boolean starts = i == 0 || previousBlank || lines[i].startsWith("  ") || lines[i].startsWith("\t");
                if (starts && current.length() > 0) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(line);
                previousBlank = false;
            }
            if (current.length() > 0) {
                paragraphs.add(current.toString());
            }
            for (String para : paragraphs) {
                p.before(new Element("p").text(para));
            }
            p.remove();
        }
    }

    /** Appends the blocks of an HTML fragment (body HTML of a JSON or feed item) to the story. */
    public static void copyHtml(String html, Story story, ItemContext context) {
        Parser parser = HtmlBlocks.parser(context.limits().maxDepth());
        Document doc = parser.parseInput("<body>" + html + "</body>", "");
        int before = story.body().childrenSize();
        HtmlBlocks.copy(doc.body(), story);
        squashText(story, before);
        splitWrapped(story, before);
    }

    /** Trims layout white space at the start and end of the new blocks, except in {@code pre} and wrapped text. */
    private static void squashText(Story story, int from) {
        for (Element block : story.body().children().subList(from, story.body().childrenSize())) {
            if (block.normalName().equals("pre") || !block.select("pre").isEmpty()) {
                continue;
            }
            List<org.jsoup.nodes.Node> nodes = block.childNodes();
            if (nodes.isEmpty()) {
                continue;
            }
            if (nodes.get(0) instanceof TextNode first && !first.getWholeText().contains("\n  ")) {
                first.text(first.getWholeText().stripLeading());
            }
            if (nodes.get(nodes.size() - 1) instanceof TextNode last
                    && !last.getWholeText().contains("\n  ")) {
                last.text(last.getWholeText().stripTrailing());
            }
        }
    }

    /** Appends plain text as paragraphs, or as one {@code pre} block when it is laid out in columns. */
    public static void copyText(String text, Story story) {
        if (looksTabular(text)) {
            story.body().appendElement("pre").text(text.strip());
            return;
        }
        for (String p : TextBlocks.paragraphs(text)) {
            story.addParagraph(p);
        }
    }

    /** Whether text is laid out in columns (runs of spaces inside most lines): keep it preformatted. */
    static boolean looksTabular(String text) {
        int lines = 0;
        int columned = 0;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (line.strip().contains("   ")) {
                columned++;
            }
        }
        return lines >= 3 && columned * 2 >= lines;
    }
}
