package io.wireingest.core.extract;

import io.wireingest.core.clean.Furniture;
import io.wireingest.core.extract.TextBlock.Kind;
import io.wireingest.core.extract.TextBlock.Marks;
import io.wireingest.core.format.HtmlBlocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the article in a parsed web page and returns its blocks. One walk cuts the page into text blocks in document
 * order (leaf blocks and runs of loose text) and measures each (characters, link characters, words, sentence ends);
 * each block is classed by its shape (prose, short line, link list or furniture-marked subtree); each element of the
 * page is scored by the prose it holds minus the clutter it holds, and the best-scoring element is the article: its
 * common ancestor when an ad block or a promo splits the story. Inside it, furniture, link lists, the headline and
 * header lines are dropped; paragraphs, subheadings, lists, quotes (embedded posts included) and figures with their
 * captions are kept. When the page carries a JSON-LD {@code articleBody}, blocks whose words it contains count as prose.
 *
 * <p>No site-specific rules: only tag semantics, statistics and generic class words. Thread-safe and stateless.
 */
public final class ExtractArticle {
    /** Blocks taken whole: the same as the reader copies from fragments. */
    static final Set<String> LEAF_BLOCKS = HtmlBlocks.LEAF_BLOCKS;

    /**
     * Elements whose content is never article text on a web page. Differs on purpose from {@link HtmlBlocks#SKIP},
     * the list for agency body fragments: {@code form} is not skipped here, because some sites (ASP.NET WebForms
     * among them) wrap the whole page, article included, in one {@code <form>}; and page widgets that fragments do not
     * carry (menus, dialogs, media players, pictures outside a figure, labels and options) are.
     */
    static final Set<String> SKIP = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "iframe",
            "object",
            "embed",
            "svg",
            "canvas",
            "button",
            "select",
            "textarea",
            "input",
            "nav",
            "head",
            "title",
            "meta",
            "link",
            "menu",
            "dialog",
            "audio",
            "video",
            "source",
            "picture",
            "map",
            "label",
            "option");

    /** Page regions around the article. */
    private static final Set<String> PERIPHERAL = Set.of("header", "footer", "aside");

    /** Containers repeated side by side. */
    private static final Set<String> REPEATABLE = Set.of("article", "div", "section", "li");

    /**
     * The sets above as flag bits of one table: the walks look each element's tag up once instead of probing a set
     * per question (the probes were a few percent of the extraction's time).
     */
    private static final TagFlags TAGS = TagFlags.of(List.of(SKIP, LEAF_BLOCKS, PERIPHERAL, REPEATABLE));

    private static final int IS_SKIP = 1;
    private static final int IS_LEAF_BLOCK = 2;
    private static final int IS_PERIPHERAL = 4;
    private static final int IS_REPEATABLE = 8;

    private static final int GOOD_WORDS = 15;
    private static final int GOOD_CHARS = 200;
    private static final int GOOD_CHARS_UNSPACED = 70;

    /** Extracts the article of a page. The document is consumed: the returned blocks are moved out of it. */
    public Extraction extract(Document doc) {
        Analysis analysis = analyze(doc);
        PageMetadata meta = analysis.meta;
        List<Element> out = new ArrayList<>(analysis.kept.size());
        for (TextBlock block : analysis.kept) {
            out.add(detach(block));
        }
        return new Extraction(out, meta, analysis.range.container);
    }

    /** The blocks of a page, the chosen range and the blocks kept from it (for diagnostics and tests). */
    record Analysis(PageMetadata meta, List<TextBlock> blocks, Range range, List<TextBlock> kept) {}

    /** Reads the page once: metadata and blocks in the same walk. */
    static Analysis analyze(Document doc) {
        Element body = doc.body();
        List<TextBlock> blocks = new ArrayList<>();
        PageMetadata.Found found = new PageMetadata.Found();
        if (doc.head() != null) {
            PageMetadata.collect(doc.head(), found, 0);
        }
        segment(body, null, blocks, new Meter(found));
        PageMetadata meta = PageMetadata.from(doc, found);
        Set<Long> bodyGrams =
                meta.articleBody() == null || meta.articleBody().length() < 200 ? null : trigrams(meta.articleBody());
        boolean anyGood = false;
        for (TextBlock block : blocks) {
            classify(block, bodyGrams);
            anyGood |= block.kind == Kind.GOOD;
        }
        if (!anyGood) {
            // A brief: no paragraph is long enough to count as prose alone; short sentences are the best evidence.
            for (TextBlock block : blocks) {
                if (block.kind == Kind.SHORT && block.marks == null && isLead(block)) {
                    block.kind = Kind.GOOD;
                }
            }
        }
        Scores scores = new Scores();
        scores.weighTeasers(blocks);
        Range range = chooseContainer(blocks, scores);
        List<TextBlock> kept = select(blocks, range, meta, scores);
        return new Analysis(meta, blocks, range, kept);
    }

    // ---- segmentation -------------------------------------------------------------------------------------------

    private static void segment(Element el, Marks marks, List<TextBlock> out, Meter meter) {
        List<Element> teasers = teasers(el);
        List<Node> run = null;
        List<Node> children = el.childNodes();
        for (int i = 0, n = children.size(); i < n; i++) {
            Node child = children.get(i);
            if (child instanceof TextNode text) {
                if (run == null) {
                    if (text.isBlank()) {
                        continue;
                    }
                    run = new ArrayList<>();
                }
                run.add(text);
            } else if (child instanceof Element e) {
                String tag = e.normalName();
                meter.found.see(e, tag);
                int flags = TAGS.get(tag);
                if ((flags & IS_SKIP) != 0) {
                    continue;
                }
                if (tag.equals("br")) {
                    if (run != null) {
                        if (nextIsBr(e)) {
                            flush(el, run, marks, out, meter);
                            run = null;
                        } else {
                            run.add(e);
                        }
                    }
                    continue;
                }
                int strength = (flags & IS_PERIPHERAL) != 0 ? BoilerplateHints.WEAK : BoilerplateHints.strength(e);
                boolean teaser = false;
                if (teasers != null && strength != BoilerplateHints.STRONG && teasers.contains(e)) {
                    strength = BoilerplateHints.STRONG;
                    teaser = true;
                }
                boolean furniture = strength != BoilerplateHints.NONE;
                Marks inner = furniture ? new Marks(e, strength == BoilerplateHints.STRONG, teaser, marks) : marks;
                if ((flags & IS_LEAF_BLOCK) != 0 && !isLayout(e, tag)) {
                    flush(el, run, marks, out, meter);
                    run = null;
                    // An embedded post (tweet, Instagram) sits in a "social" or "embed" wrapper: only strong marks
                    // count.
                    TextBlock block = new TextBlock(e, null, tag.equals("blockquote") ? strongOnly(inner) : inner);
                    measure(block, meter);
                    if (block.chars > 0 || tag.equals("figure")) {
                        out.add(block);
                    }
                } else if (e.isBlock() || containsBlock(e)) {
                    flush(el, run, marks, out, meter);
                    run = null;
                    segment(e, inner, out, meter);
                } else if (!furniture) {
                    if (run == null) {
                        run = new ArrayList<>();
                    }
                    run.add(e);
                }
            }
        }
        flush(el, run, marks, out, meter);
    }

    private static void flush(Element container, List<Node> run, Marks marks, List<TextBlock> out, Meter meter) {
        if (run == null) {
            return;
        }
        TextBlock block = new TextBlock(container, run, marks);
        measure(block, meter);
        if (block.chars > 0) {
            out.add(block);
        }
    }

    private static Marks strongOnly(Marks marks) {
        if (marks == null) {
            return null;
        }
        Marks outer = strongOnly(marks.outer());
        return marks.strong()
                ? (outer == marks.outer() ? marks : new Marks(marks.element(), true, marks.teaser(), outer))
                : outer;
    }

    /**
     * Teasers of other stories: three or more sibling containers of one kind (same tag, same first class) that each
     * hold a linked image or a linked heading. Returns them, or null when {@code el} has none.
     */
    private static List<Element> teasers(Element el) {
        int repeatable = 0;
        for (Element c = el.firstElementChild(); c != null && repeatable < 3; c = c.nextElementSibling()) {
            if ((TAGS.get(c.normalName()) & IS_REPEATABLE) != 0) {
                repeatable++;
            }
        }
        if (repeatable < 3) {
            return null;
        }
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (Element c = el.firstElementChild(); c != null; c = c.nextElementSibling()) {
            if ((TAGS.get(c.normalName()) & IS_REPEATABLE) != 0) {
                counts.merge(kind(c), 1, Integer::sum);
            }
        }
        List<Element> out = null;
        for (Element c = el.firstElementChild(); c != null; c = c.nextElementSibling()) {
            if ((TAGS.get(c.normalName()) & IS_REPEATABLE) != 0
                    && counts.get(kind(c)) >= 3
                    && isTeaser(c, false, false, 0)) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(c);
            }
        }
        return out != null && out.size() >= 3 ? out : null;
    }

    private static String kind(Element e) {
        String cls = e.className();
        int space = cls.indexOf(' ');
        return e.normalName() + '.' + (space < 0 ? cls : cls.substring(0, space));
    }

    /** A linked image or a linked heading: the shape of a teaser for another page. */
    private static boolean isTeaser(Element e, boolean inLink, boolean inHeading, int depth) {
        for (Element c = e.firstElementChild(); c != null; c = c.nextElementSibling()) {
            String tag = c.normalName();
            boolean link = inLink || tag.equals("a");
            boolean heading = inHeading || isHeadingTag(tag);
            if ((link && heading) || (link && tag.equals("img"))) {
                return true;
            }
            if (depth < 12 && isTeaser(c, link, heading, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHeadingTag(String tag) {
        return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
    }

    /** Counts descendants with the given tag, up to {@code limit}. */
    private static int count(Element e, String tag, int limit) {
        int n = 0;
        for (Element c = e.firstElementChild(); c != null && n < limit; c = c.nextElementSibling()) {
            if (c.normalName().equals(tag)) {
                n++;
            }
            n += count(c, tag, limit - n);
        }
        return n;
    }

    /** A table or list used for page layout holds blocks of its own: walk into it instead of keeping it whole. */
    private static boolean isLayout(Element e, String tag) {
        if (tag.equals("table")) {
            return count(e, "p", 1) > 0 || count(e, "table", 1) > 0 || count(e, "div", 3) > 2;
        }
        if (tag.equals("ul") || tag.equals("ol")) {
            return count(e, "p", 2) > 1;
        }
        return false;
    }

    private static boolean nextIsBr(Element br) {
        Node next = br.nextSibling();
        while (next instanceof TextNode t && t.isBlank()) {
            next = next.nextSibling();
        }
        return next instanceof Element e && e.normalName().equals("br");
    }

    private static boolean containsBlock(Element e) {
        for (Element child = e.firstElementChild(); child != null; child = child.nextElementSibling()) {
            if (child.isBlock() || (TAGS.get(child.normalName()) & IS_LEAF_BLOCK) != 0) {
                return true;
            }
        }
        return false;
    }

    // ---- measuring ----------------------------------------------------------------------------------------------

    private static void measure(TextBlock block, Meter m) {
        m.reset();
        if (block.run == null) {
            m.walk(block.element, false);
        } else {
            for (Node node : block.run) {
                m.walk(node, false);
            }
        }
        m.end();
        block.chars = m.chars;
        block.charSum = m.charSum;
        block.linkChars = m.linkChars;
        block.words = m.words;
        block.stops = m.stops;
        block.unspaced = m.unspaced;
    }

    /**
     * The white-space-normalized text of a block: what its length and counts were measured on. Built on demand, as
     * most blocks are decided by their counts alone.
     */
    static String textOf(TextBlock block) {
        TextBuilder t = new TextBuilder();
        if (block.run == null) {
            t.walk(block.element);
        } else {
            for (Node node : block.run) {
                t.walk(node);
            }
        }
        return t.text();
    }

    /** Character class bits for the text loops: a word character (letter, digit, '_'), white space, a sentence end. */
    private static final int WORD = 1;

    private static final int SPACE = 2;
    private static final int STOP = 4;
    /** An ideographic full stop, exclamation or question mark: a sentence end wherever it stands. */
    private static final int CJK_STOP = 8;
    /** An ideograph or kana: a script written without spaces between words. */
    private static final int UNSPACED = 16;
    /** The class bits of each ASCII character. */
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            ASCII_CLASS[c] = (byte) (c <= ' ' ? SPACE : (word ? WORD : 0) | (isStop(c) ? STOP : 0));
        }
    }

    /** Ends a sentence when white space or the end of the block follows. */
    private static boolean isStop(char c) {
        return c == '.' || c == '!' || c == '?' || c == '"' || c == '”' || c == '»';
    }

    /** The class bits of a character, with {@link #CJK_STOP} and {@link #UNSPACED} outside ASCII. */
    private static int charClass(char c) {
        if (c < 128) {
            return ASCII_CLASS[c];
        }
        if (Character.isWhitespace(c) || c == '\u00A0') {
            return SPACE;
        }
        int k = (Character.isLetterOrDigit(c) ? WORD : 0) | (isStop(c) ? STOP : 0);
        if (c == '。' || c == '！' || c == '？') {
            k |= CJK_STOP;
        } else if (c >= 0x2E80 && (Character.isIdeographic(c) || (c >= 0x3040 && c <= 0x30FF))) {
            k |= UNSPACED;
        }
        return k;
    }

    /**
     * What a character adds to the counts, by the class bits of the character before it and its own ({@code prev << 3
     * | k}): a word start, a sentence end (a stop character followed by white space), a non-space character. Three
     * counters packed in one long ({@link #COUNT_BITS} bits each), so the text loop adds one table entry per character
     * instead of branching at every word boundary.
     */
    private static final long[] COUNTS = new long[64];

    private static final int COUNT_BITS = 21;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    /** Characters counted before the packed counters are unpacked: far below {@link #COUNT_MASK}. */
    private static final int COUNT_CHUNK = 1 << 20;

    static {
        for (int prev = 0; prev < 8; prev++) {
            for (int k = 0; k < 8; k++) {
                long wordStart = (k & WORD) != 0 && (prev & WORD) == 0 ? 1 : 0;
                long stop = (k & SPACE) != 0 && (prev & STOP) != 0 ? 1 : 0;
                long nonSpace = (k & SPACE) == 0 ? 1 : 0;
                COUNTS[prev << 3 | k] = wordStart | stop << COUNT_BITS | nonSpace << 2 * COUNT_BITS;
            }
        }
    }

    /**
     * Counts a block's text in one pass over its nodes, as {@link #textOf} would build it: characters (non-space),
     * link characters, words, sentence ends. One meter serves all the blocks of a page ({@link #reset}). It sees every
     * character of the page's text, so it builds no text and its loop is one table lookup per character.
     */
    private static final class Meter {
        final PageMetadata.Found found;

        Meter(PageMetadata.Found found) {
            this.found = found;
        }

        int chars;
        int linkChars;
        int words;
        int stops;
        int unspaced;
        /** The sum of the non-space characters (wrapping around). */
        int charSum;
        /** The class bits ({@link #WORD}, {@link #STOP}) of the last character: a tag boundary does not change it. */
        int prev;

        void reset() {
            chars = 0;
            linkChars = 0;
            words = 0;
            stops = 0;
            unspaced = 0;
            charSum = 0;
            prev = 0;
        }

        void walk(Node node, boolean inLink) {
            if (node instanceof TextNode t) {
                count(t.getWholeText(), inLink);
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                found.see(e, tag);
                if ((TAGS.get(tag) & IS_SKIP) != 0) {
                    return;
                }
                boolean link = inLink || tag.equals("a");
                for (int i = 0, n = e.childNodeSize(); i < n; i++) {
                    walk(e.childNode(i), link);
                }
            }
        }

        private void count(String s, boolean inLink) {
            int prev = this.prev;
            int charSum = this.charSum;
            for (int start = 0, n = s.length(); start < n; start += COUNT_CHUNK) {
                long counts = 0;
                for (int i = start, end = Math.min(n, start + COUNT_CHUNK); i < end; i++) {
                    char c = s.charAt(i);
                    int k;
                    if (c < 128) {
                        k = ASCII_CLASS[c];
                    } else {
                        k = charClass(c);
                        stops += k >> 3 & 1;
                        unspaced += k >> 4 & 1;
                        k &= WORD | SPACE | STOP;
                    }
                    counts += COUNTS[prev << 3 | k];
                    charSum += c & (k >> 1 & 1) - 1; // white space adds nothing
                    prev = k;
                }
                int nonSpace = (int) (counts >>> 2 * COUNT_BITS);
                words += (int) (counts & COUNT_MASK);
                stops += (int) (counts >>> COUNT_BITS & COUNT_MASK);
                chars += nonSpace;
                if (inLink) {
                    linkChars += nonSpace;
                }
            }
            this.prev = prev;
            this.charSum = charSum;
        }

        void end() {
            if ((prev & STOP) != 0) {
                stops++;
            }
        }
    }

    /**
     * Builds a block's text with white space collapsed to single spaces between words, none leading or trailing; a
     * {@code br} or a block element separates words too. Works in a char array of its own: each text node is copied
     * behind the text so far and compacted in place.
     */
    private static final class TextBuilder {
        /** The text so far, in {@code buf[0, len)}: at most one trailing space, dropped by {@link #text()}. */
        private char[] buf = new char[256];

        private int len;

        String text() {
            return new String(buf, 0, len > 0 && buf[len - 1] == ' ' ? len - 1 : len);
        }

        void walk(Node node) {
            if (node instanceof TextNode t) {
                append(t.getWholeText());
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if ((TAGS.get(tag) & IS_SKIP) != 0) {
                    return;
                }
                boolean block = e.isBlock();
                if (block || tag.equals("br")) {
                    space();
                }
                for (int i = 0, n = e.childNodeSize(); i < n; i++) {
                    walk(e.childNode(i));
                }
                if (block) {
                    space();
                }
            }
        }

        private void space() {
            if (len > 0 && buf[len - 1] != ' ') {
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, 2 * buf.length);
                }
                buf[len++] = ' ';
            }
        }

        /**
         * Each character is written in place, as a space if it is white space, and kept unless it is white space
         * after a space (or at the start): the write position never passes the read position.
         */
        private void append(String s) {
            int n = s.length();
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, len + n));
            }
            char[] buf = this.buf;
            int from = len;
            s.getChars(0, n, buf, from);
            int w = len;
            int afterSpace = w == 0 || buf[w - 1] == ' ' ? 1 : 0;
            for (int r = from, to = from + n; r < to; r++) {
                char c = buf[r];
                int sp = charClass(c) >> 1 & 1;
                buf[w] = sp == 0 ? c : ' ';
                w += 1 - (sp & afterSpace);
                afterSpace = sp;
            }
            len = w;
        }
    }

    // ---- classification -----------------------------------------------------------------------------------------

    private static void classify(TextBlock b, Set<Long> bodyGrams) {
        if (bodyGrams != null && b.wordish() >= 6) {
            b.bodyOverlap = overlap(b.text(), bodyGrams);
        }
        double ld = b.linkDensity();
        if (b.bodyOverlap >= 0.5 && ld < 0.5) {
            b.kind = Kind.GOOD;
        } else if (ld > 0.5 && !b.tag().equals("blockquote") && !isLinkedProse(b)) {
            b.kind = Kind.BAD;
        } else if (!b.isHeading()
                && ld < 0.3
                && ((b.wordish() >= GOOD_WORDS && b.stops >= 1)
                        || b.chars >= GOOD_CHARS
                        || b.unspaced >= GOOD_CHARS_UNSPACED)) {
            b.kind = Kind.GOOD;
        } else {
            b.kind = Kind.SHORT;
        }
    }

    /** A long paragraph of sentences stays prose even when many of its words are links. */
    private static boolean isLinkedProse(TextBlock b) {
        return b.tag().equals("p") && b.wordish() >= 40 && b.stops >= 2 && b.linkDensity() < 0.9;
    }

    // ---- choosing the article container -------------------------------------------------------------------------

    /** The element that holds the article and the range of blocks inside it. */
    record Range(Element container, List<Element> parts, int first, int last) {
        /** The part holding the block, or null. */
        Element partOf(TextBlock b) {
            if (parts.size() == 1) {
                return parts.get(0);
            }
            for (Element e = b.element; e != null; e = e.parent()) {
                if (parts.contains(e)) {
                    return e;
                }
            }
            return null;
        }
    }

    private static final class Score {
        double value;
        int first = Integer.MAX_VALUE;
        int last = -1;
        int good;
        int chars;
        int goodChars;
        boolean insideMark;
    }

    /** Per-element sums of the blocks below it, and the scores of candidate containers. */
    private static final class Scores {
        /**
         * By element identity (jsoup nodes compare by identity), in the order the blocks reach them: ties between
         * candidates go to the first, whatever the identity hash codes (an IdentityHashMap's order varied with them).
         */
        final Map<Element, Score> map = new java.util.LinkedHashMap<>();

        Score of(Element e) {
            Score s = map.get(e);
            if (s == null) {
                s = new Score();
                map.put(e, s);
            }
            return s;
        }

        /** Teaser-shaped siblings that hold most of the page's prose: the article's own column, not teasers. */
        final Set<Element> notTeasers = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        /** Whether a mark counts. Class words always do; a repeated-sibling mark only on a minor share of prose. */
        boolean effective(Marks m) {
            return !m.teaser() || !notTeasers.contains(m.element());
        }

        Marks nextEffective(Marks m) {
            while (m != null && !effective(m)) {
                m = m.outer();
            }
            return m;
        }

        /** Finds the repeated-sibling marks that hold half the page's prose or more. */
        void weighTeasers(List<TextBlock> blocks) {
            Map<Element, Integer> teaserProse = null;
            int total = 0;
            for (TextBlock b : blocks) {
                if (b.kind != Kind.GOOD) {
                    continue;
                }
                total += b.chars;
                for (Marks m = b.marks; m != null; m = m.outer()) {
                    if (m.teaser()) {
                        if (teaserProse == null) {
                            teaserProse = new IdentityHashMap<>();
                        }
                        teaserProse.merge(m.element(), b.chars, Integer::sum);
                    }
                }
            }
            if (teaserProse != null) {
                for (Map.Entry<Element, Integer> entry : teaserProse.entrySet()) {
                    if (entry.getValue() >= 0.5 * total) {
                        notTeasers.add(entry.getKey());
                    }
                }
            }
        }
    }

    private static Range chooseContainer(List<TextBlock> blocks, Scores scores) {
        for (int i = 0; i < blocks.size(); i++) {
            TextBlock b = blocks.get(i);
            double own = switch (b.kind) {
                case GOOD -> b.chars;
                case SHORT -> -0.25 * b.chars;
                case BAD -> -b.linkChars - 0.25 * (b.chars - b.linkChars);
            };
            double inMarked = b.kind == Kind.GOOD ? 0.5 * b.chars : own;
            double furniture = -0.5 * b.chars;
            Marks pending = scores.nextEffective(b.marks);
            int marksBelow = 0;
            for (Element e = b.element; e != null; e = e.parent()) {
                Score s = scores.of(e);
                s.chars += b.chars;
                if (b.kind == Kind.GOOD) {
                    s.goodChars += b.chars;
                }
                if (s.first > i) {
                    s.first = i;
                }
                s.last = i;
                s.value += marksBelow > 0 ? furniture : pending != null ? inMarked : own;
                s.insideMark = pending != null;
                if (b.kind == Kind.GOOD && marksBelow == 0) {
                    s.good++;
                }
                while (pending != null && pending.element() == e) {
                    marksBelow++;
                    pending = scores.nextEffective(pending.outer());
                }
            }
        }
        // Candidates outside every furniture mark first; a marked region (a "sidebar" wrapper around the whole page,
        // a comment) wins only when nothing unmarked holds a comparable article.
        Map.Entry<Element, Score> clean = null;
        Map.Entry<Element, Score> marked = null;
        for (Map.Entry<Element, Score> entry : scores.map.entrySet()) {
            Score s = entry.getValue();
            if (s.good == 0) {
                continue;
            }
            if (s.insideMark) {
                marked = isBetter(s, marked) ? entry : marked;
            } else {
                clean = isBetter(s, clean) ? entry : clean;
            }
        }
        Map.Entry<Element, Score> chosen = clean;
        if (clean == null || (marked != null && clean.getValue().value < 0.3 * marked.getValue().value)) {
            chosen = marked;
        }
        if (chosen == null) {
            return new Range(null, List.of(), 0, -1); // nothing reads as an article: the reader copies the page
        }
        return joinParts(chosen.getKey(), scores);
    }

    /**
     * An article cut into parts by ad slots is often a run of sibling elements of one kind ({@code <div
     * class="body-chunk">} × n): the parts beside the chosen one that hold prose are taken with it.
     */
    private static Range joinParts(Element container, Scores scores) {
        Score own = scores.map.get(container);
        int first = own.first;
        int last = own.last;
        List<Element> parts = new ArrayList<>();
        parts.add(container);
        Element level = container;
        for (int up = 0; up < 3 && level.parent() != null && parts.size() == 1; up++, level = level.parent()) {
            String cls = level.className();
            if (cls.isEmpty()) {
                continue;
            }
            for (Element sibling : level.parent().children()) {
                if (sibling == level
                        || !sibling.normalName().equals(level.normalName())
                        || !sibling.className().equals(cls)) {
                    continue;
                }
                Element part = up == 0 ? sibling : sameKindWithin(sibling, container);
                Score s = part == null ? null : scores.map.get(part);
                if (s != null && s.good > 0 && s.goodChars >= 0.3 * s.chars) {
                    parts.add(part);
                    first = Math.min(first, s.first);
                    last = Math.max(last, s.last);
                }
            }
        }
        return new Range(container, parts, first, last);
    }

    /** Whether a candidate scores above the best so far, or equal on a shorter range of blocks. */
    private static boolean isBetter(Score s, Map.Entry<Element, Score> best) {
        Score b = best == null ? null : best.getValue();
        return b == null
                || s.value > b.value + 1e-9
                || (Math.abs(s.value - b.value) <= 1e-9 && s.last - s.first < b.last - b.first);
    }

    private static Element sameKindWithin(Element root, Element like) {
        String cls = like.className();
        for (Element e : root.getElementsByTag(like.normalName())) {
            if (e.className().equals(cls)) {
                return e;
            }
        }
        return null;
    }

    // ---- selecting blocks ---------------------------------------------------------------------------------------

    private static List<TextBlock> select(List<TextBlock> blocks, Range range, PageMetadata meta, Scores scores) {
        int headlineChars = meta.headline() == null ? -1 : nonSpace(meta.headline());
        List<TextBlock> candidates = new ArrayList<>();
        for (int i = range.first; i <= range.last && i < blocks.size(); i++) {
            TextBlock b = blocks.get(i);
            Element part = range.partOf(b);
            if (range.container != null && part == null) {
                continue;
            }
            if (isRelatedLine(b)) {
                candidates.add(b); // CleanBody records it in wire.related and takes it out of the body
                continue;
            }
            if (b.kind == Kind.BAD && !isProse(b)) {
                continue;
            }
            if (range.container != null && b.isFurnitureWithin(part, scores::effective)) {
                continue;
            }
            if (b.tag().equals("h1")) {
                continue;
            }
            // Equal texts have equal non-space counts: most blocks are ruled out without building their text.
            if (headlineChars == b.chars && b.text().equalsIgnoreCase(meta.headline())) {
                continue;
            }
            candidates.add(b);
        }
        int firstGood = -1;
        int lastGood = -1;
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).kind == Kind.GOOD) {
                if (firstGood < 0) {
                    firstGood = i;
                }
                lastGood = i;
            }
        }
        if (firstGood < 0) {
            return candidates;
        }
        // Short opening sentences belong to the article; bylines, dates and kickers do not read as sentences.
        while (firstGood > 0 && isLead(candidates.get(firstGood - 1))) {
            firstGood--;
        }
        List<TextBlock> kept = new ArrayList<>();
        Map<Long, List<TextBlock>> seen = new HashMap<>();
        for (int i = firstGood; i < candidates.size(); i++) {
            TextBlock b = candidates.get(i);
            if (i > lastGood && !keepTrailing(b) && !isRelatedLine(b)) {
                continue;
            }
            if (b.isHeading() && !headsProse(candidates, i)) {
                continue;
            }
            if (b.chars >= 80 && isRepeat(b, seen)) {
                continue;
            }
            kept.add(b);
        }
        // Sign-offs that sell: "Follow us on Twitter", "Email the author at ...", "Join our forums", "Ikuti kami".
        for (int tail = 0; tail < 3 && !kept.isEmpty(); tail++) {
            TextBlock last = kept.get(kept.size() - 1);
            if (last.chars > 600 || !isPromo(last.text())) {
                break;
            }
            kept.remove(kept.size() - 1);
        }
        return kept;
    }

    /**
     * Whether a block with the same text was seen before; notes it if not. Equal texts have equal non-space counts and
     * sums, so texts are built and compared only for blocks whose counts and sums match (most blocks never build their
     * text).
     */
    private static boolean isRepeat(TextBlock b, Map<Long, List<TextBlock>> seen) {
        long key = (long) b.chars << 32 | (b.charSum & 0xFFFFFFFFL);
        List<TextBlock> same = seen.computeIfAbsent(key, k -> new ArrayList<>(1));
        for (TextBlock other : same) {
            if (other.text().equals(b.text())) {
                return true;
            }
        }
        same.add(b);
        return false;
    }

    /** Characters of a text that are not white space, as the meter counts them. */
    private static int nonSpace(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += charClass(text.charAt(i)) >> 1 & 1 ^ 1;
        }
        return n;
    }

    /** Words of calls to follow, subscribe or write in (English, Indonesian, Malay). */
    private static final java.util.regex.Pattern PROMO_CUE = java.util.regex.Pattern.compile(
            "\\b(?:follow\\s+(?:us|him|her|them|the)\\b|on\\s+(?:twitter|facebook|instagram|youtube|linkedin|tiktok)"
                    + "|subscribe|newsletter|e-?mail|sign\\s+up|click|forums?|let\\s+us\\s+know|news\\s+tip"
                    + "|letters?\\s+to\\s+the\\s+editor|ikuti\\s+kami|berlangganan|langgan|google\\s+news|whatsapp"
                    + "|telegram)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * A word that each cue of {@link #PROMO_CUE} contains, in lower case. Cues found are disjoint, so a text holding
     * fewer than two of these words holds fewer than two cues: most closing paragraphs are ruled out by a few
     * {@code indexOf} scans instead of the expression.
     */
    private static final String[] PROMO_WORDS = {
        "follow",
        "twitter",
        "facebook",
        "instagram",
        "youtube",
        "linkedin",
        "tiktok",
        "subscribe",
        "newsletter",
        "mail",
        "sign",
        "click",
        "forum",
        "know",
        "tip",
        "editor",
        "ikuti",
        "langgan",
        "google",
        "whatsapp",
        "telegram"
    };

    /** Whether a block names two different calls to follow, subscribe or write in. */
    private static boolean isPromo(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int words = 0;
        for (int w = 0; w < PROMO_WORDS.length && words < 2; w++) {
            for (int i = lower.indexOf(PROMO_WORDS[w]); i >= 0 && words < 2; i = lower.indexOf(PROMO_WORDS[w], i + 1)) {
                words++;
            }
        }
        return words >= 2 && promoCues(text) >= 2;
    }

    private static int promoCues(String text) {
        java.util.regex.Matcher m = PROMO_CUE.matcher(text);
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            seen.add(m.group().toLowerCase(java.util.Locale.ROOT));
        }
        return seen.size();
    }

    private static boolean keepTrailing(TextBlock b) {
        return !b.isHeading() && (b.linkDensity() < 0.2 && b.wordish() >= 3 || isProse(b));
    }

    /** A "Read also" / "Baca juga" line: it leaves the body in CleanBody, which keeps its link as related. */
    private static boolean isRelatedLine(TextBlock b) {
        return b.chars <= 300 && b.linkChars > 0 && !b.isHeading() && Furniture.matchRelated(b.text()) != null;
    }

    private static boolean isLead(TextBlock b) {
        String tag = b.tag();
        return (tag.equals("p") || tag.equals("blockquote"))
                && b.wordish() >= 6
                && b.stops >= 1
                && b.linkDensity() < 0.3;
    }

    /** Sentences in a paragraph: kept inside the article even with many links in them. */
    private static boolean isProse(TextBlock b) {
        String tag = b.tag();
        return (tag.equals("p") || tag.equals("blockquote"))
                && b.wordish() >= 10
                && b.stops >= 1
                && b.linkDensity() < 0.7;
    }

    /** A subheading stays when prose follows it, not a list of links or the end of the article. */
    private static boolean headsProse(List<TextBlock> candidates, int i) {
        for (int j = i + 1; j < candidates.size() && j <= i + 3; j++) {
            TextBlock next = candidates.get(j);
            if (next.kind == Kind.GOOD || isProse(next)) {
                return true;
            }
            if (next.isHeading()) {
                return false;
            }
        }
        return false;
    }

    // ---- output -------------------------------------------------------------------------------------------------

    private static Element detach(TextBlock block) {
        if (block.run == null) {
            block.element.remove();
            return block.element;
        }
        Element p = new Element("p");
        for (Node node : block.run) {
            p.appendChild(node);
        }
        return p;
    }

    // ---- JSON-LD articleBody overlap ----------------------------------------------------------------------------

    private static Set<Long> trigrams(String text) {
        List<String> words = words(text);
        Set<Long> out = new HashSet<>(words.size() * 2);
        for (int i = 0; i + 2 < words.size(); i++) {
            out.add(hash(words, i));
        }
        return out;
    }

    private static double overlap(String text, Set<Long> grams) {
        List<String> words = words(text);
        int total = 0;
        int hit = 0;
        for (int i = 0; i + 2 < words.size(); i++) {
            total++;
            if (grams.contains(hash(words, i))) {
                hit++;
            }
        }
        return total == 0 ? 0 : (double) hit / total;
    }

    private static long hash(List<String> words, int i) {
        return ((long) words.get(i).hashCode() * 31 + words.get(i + 1).hashCode()) * 1_000_003L
                + words.get(i + 2).hashCode();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0, n = text.length(); i <= n; i++) {
            boolean w = i < n && Character.isLetterOrDigit(text.charAt(i));
            if (w && start < 0) {
                start = i;
            } else if (!w && start >= 0) {
                out.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }
}
