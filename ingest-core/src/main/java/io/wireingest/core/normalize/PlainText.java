package io.wireingest.core.normalize;

import io.wireingest.core.pipeline.ItemContext;
import io.wireingest.core.pipeline.RejectedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Renders story blocks as plain text: one paragraph per block, blocks separated by a blank line; list items and table
 * rows one per line; {@code pre} kept verbatim; a {@code figure} without its {@code figcaption} (the HTML body keeps
 * the caption; the plain text is the running story).
 *
 * <p>Nested lists and tables: every list item and every table row is a line of its own, in document order, and the
 * text of an item or a cell leaves out the items, rows and cells nested in it (their text is on their own lines), so
 * that each piece of text is written once and the work stays linear in the size of the body.
 */
public final class PlainText {
    private PlainText() {}

    /**
     * The plain text of a sanitized body.
     *
     * @param context the item whose time budget the rendering honours, or null for none
     * @throws RejectedException reason {@code timeout} when the item's time budget runs out
     */
    public static String of(Element body, ItemContext context) throws RejectedException {
        return render(body, new TimeBudget(context));
    }

    static String render(Element body, TimeBudget budget) throws RejectedException {
        Writer out = new Writer(256);
        for (Element block : body.children()) {
            budget.tick();
            switch (kind(block)) {
                case INLINE -> {
                    out.startBlock();
                    for (Node node : block.childNodes()) {
                        append(node, out, budget);
                    }
                    out.endBlock();
                }
                case FIGURE -> {
                    out.startBlock();
                    for (Node node : block.childNodes()) {
                        if (!isFigcaption(node)) {
                            append(node, out, budget);
                        }
                    }
                    out.endBlock();
                }
                default -> out.block(special(block, budget));
            }
        }
        return out.toString();
    }

    /** How a top-level block becomes text. */
    enum Kind {
        /** Its text with {@code <br>} and nested blocks as line breaks, runs of spaces collapsed. */
        INLINE,
        /** As {@link #INLINE}, without the {@code figcaption}. */
        FIGURE,
        /** Rendered by {@link #special}: {@code pre}, lists, tables. */
        SPECIAL
    }

    static Kind kind(Element block) {
        return switch (block.normalName()) {
            case "pre", "ul", "ol", "dl", "table" -> Kind.SPECIAL;
            case "figure" -> Kind.FIGURE;
            default -> Kind.INLINE;
        };
    }

    static boolean isFigcaption(Node node) {
        return node instanceof Element el && el.normalName().equals("figcaption");
    }

    /**
     * The text of a {@link Kind#SPECIAL} block. A list: one line per item ({@code li}, {@code dt}, {@code dd}), at any
     * depth, in document order. A table: one line per row ({@code tr}), at any depth, in document order, its cells
     * ({@code th}, {@code td} not inside a nested row) separated by tabs. The text of an item or a cell is jsoup's
     * {@link Element#text()} of it with the items (or rows and cells) nested in it emptied: without nesting exactly
     * {@code text()}, and each piece of text once however deep the nesting (a cell's {@code text()} would hold the
     * text of every table nested in it, quadratic work and output for deeply nested tables).
     *
     * <p>No text is left out but a table's {@code caption}: text in a row outside its cells is one more field at the
     * end of the row's line, and text in a list ({@code ul}, {@code ol}, {@code dl}) outside its items, or in a table
     * ({@code table}, {@code thead}, {@code tbody}, {@code tfoot}) outside its rows, is a line of its own where that
     * list or table section starts. The parser puts text there when it flattens nesting deeper than its depth limit
     * (a row then holds the text of all the tables that were nested in it).
     */
    static String special(Element block, TimeBudget budget) throws RejectedException {
        if (block.normalName().equals("pre")) {
            // stripTrailing, not replaceAll("\\s+$"): that regex is quadratic on long runs of spaces inside the text
            return block.wholeText().stripTrailing();
        }
        boolean table = block.normalName().equals("table");
        List<Unit> units = units(block, table, budget);
        // Innermost first (reverse document order puts every unit after the units nested in it): each unit's text
        // is taken with its nested units emptied already, then the unit itself is emptied for the units around it.
        List<Node>[] children = emptyInReverse(units, budget);
        try {
            for (Unit unit : units) {
                if (unit.row != null) {
                    unit.row.cells.add(unit.text);
                }
            }
            // Lines in the order the rows, items and sections start, a row's cells in document order.
            StringBuilder sb = new StringBuilder();
            StringBuilder cells = new StringBuilder();
            for (Unit unit : units) {
                if (unit.cells != null) {
                    cells.setLength(0);
                    for (String cell : unit.cells) {
                        field(cells, cell);
                    }
                    if (!unit.text.isBlank()) {
                        field(cells, unit.text);
                    }
                    line(sb, cells.toString());
                } else if (unit.row == null && !unit.caption) {
                    line(sb, unit.text);
                }
            }
            return sb.toString();
        } finally {
            restore(units, children);
        }
    }

    private static void field(StringBuilder cells, String text) {
        if (cells.length() > 0) {
            cells.append('\t');
        }
        cells.append(text);
    }

    /**
     * An item or a list (its text outside its items), or a row, a cell, a table or table section (its text outside
     * its rows) or a caption of a table.
     */
    private static final class Unit {
        final Element element;
        /** For a cell, the row it belongs to (the nearest {@code tr} around it); null for every other unit. */
        final Unit row;
        /** For a row, the text of its cells once taken; null for every other unit. */
        final List<String> cells;
        /** Whether it is a caption: its text is left out. */
        final boolean caption;
        /** Its text once taken (for a row, its text outside its cells). */
        String text;

        Unit(Element element, Unit row, boolean isRow, boolean caption) {
            this.element = element;
            this.row = row;
            this.cells = isRow ? new ArrayList<>() : null;
            this.caption = caption;
        }
    }

    private static boolean isItem(String name) {
        return name.equals("li") || name.equals("dt") || name.equals("dd");
    }

    private static boolean isList(String name) {
        return name.equals("ul") || name.equals("ol") || name.equals("dl");
    }

    private static boolean isTableSection(String name) {
        return name.equals("table") || name.equals("thead") || name.equals("tbody") || name.equals("tfoot");
    }

    /** The units under {@code block}, and the block itself, in document order, in one walk. */
    private static List<Unit> units(Element block, boolean table, TimeBudget budget) throws RejectedException {
        List<Unit> units = new ArrayList<>();
        // The walk keeps, per open element, the row it is in (for cells).
        ArrayDeque<Element> elements = new ArrayDeque<>();
        ArrayDeque<Unit> rows = new ArrayDeque<>();
        Unit none = new Unit(block, null, false, false);
        elements.push(block);
        rows.push(none);
        while (!elements.isEmpty()) {
            budget.tick();
            Element el = elements.pop();
            Unit row = rows.pop();
            Unit inner = row;
            String name = el.normalName();
            if (!table) {
                if (isItem(name) || isList(name)) {
                    units.add(new Unit(el, null, false, false));
                }
            } else if (name.equals("tr")) {
                inner = new Unit(el, null, true, false);
                units.add(inner);
            } else if ((name.equals("th") || name.equals("td")) && row != none) {
                // A cell outside every row (the parser makes none) is text of the table section it is in.
                units.add(new Unit(el, row, false, false));
            } else if (isTableSection(name)) {
                units.add(new Unit(el, null, false, false));
            } else if (name.equals("caption")) {
                units.add(new Unit(el, null, false, true));
            }
            // Children pushed last first: popped in document order.
            for (int i = el.childrenSize() - 1; i >= 0; i--) {
                elements.push(el.child(i));
                rows.push(inner);
            }
        }
        return units;
    }

    /**
     * Takes the text of every unit, innermost first, emptying each unit once its text is taken.
     *
     * @return the children each unit had, by its index, for {@link #restore}
     */
    private static List<Node>[] emptyInReverse(List<Unit> units, TimeBudget budget) throws RejectedException {
        @SuppressWarnings("unchecked")
        List<Node>[] children = new List[units.size()];
        for (int i = units.size() - 1; i >= 0; i--) {
            budget.tick();
            Unit unit = units.get(i);
            unit.text = unit.caption ? "" : unit.element.text();
            if (unit.element.childNodeSize() > 0) {
                children[i] = new ArrayList<>(unit.element.childNodes());
                unit.element.empty();
            }
        }
        return children;
    }

    /**
     * Gives every emptied unit its children back, innermost first: an outer unit is still empty when an inner one gets
     * its children back, so jsoup's check that a child is no ancestor of its new parent walks a short path.
     */
    private static void restore(List<Unit> units, List<Node>[] children) {
        for (int i = children.length - 1; i >= 0; i--) {
            if (children[i] != null) {
                units.get(i).element.appendChildren(children[i]);
            }
        }
    }

    private static void append(Node node, Writer out, TimeBudget budget) throws RejectedException {
        budget.tick();
        if (node instanceof TextNode text) {
            out.text(text.getWholeText());
        } else if (node instanceof Element el) {
            if (el.normalName().equals("br")) {
                out.lineBreak();
            } else {
                boolean block = el.isBlock();
                if (block) {
                    out.blockEdge();
                }
                for (Node child : el.childNodes()) {
                    append(child, out, budget);
                }
                // Text after a nested block (a tweet's author line after its paragraph) starts a new line.
                if (block) {
                    out.blockEdge();
                }
            }
        }
    }

    private static void line(StringBuilder sb, String text) {
        if (!text.isBlank()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(text.strip());
        }
    }

    /**
     * The plain text under construction, written block by block straight into one char array (for speed: no string per
     * block or text node). Inside an inline block, a text node is taken as {@link TextNode#text()} would give it
     * (jsoup's white space, i.e. space, tab, line feed, form feed, carriage return and no-break space, becomes a space;
     * its invisible zero-width space and soft hyphen are dropped), runs of spaces, tabs, vertical tabs, form feeds and
     * no-break spaces collapse to one space, spaces before and after line breaks are dropped, and the block is stripped.
     * A block that is blank is left out; the others are separated by a blank line.
     */
    static final class Writer {
        private char[] chars;
        private int length;

        // The block being written: where its text starts, and the state of the space collapsing.
        private int blockStart;
        private int textStart;
        private boolean pendingSpace;
        /** Anything appended to the block yet, before collapsing (spaces included). */
        private boolean any;
        /** The last thing appended to the block, before collapsing, was a line break. */
        private boolean lastWasBreak;

        Writer(int capacity) {
            chars = new char[Math.max(16, capacity)];
        }

        /** Starts an inline block: text, line breaks and block edges follow, then {@link #endBlock}. */
        void startBlock() {
            blockStart = length;
            if (length > 0) {
                reserve(2);
                chars[length++] = '\n';
                chars[length++] = '\n';
            }
            textStart = length;
            pendingSpace = false;
            any = false;
            lastWasBreak = false;
        }

        /** Appends a text node's whole text. */
        void text(String whole) {
            int n = whole.length();
            if (n == 0) {
                return;
            }
            // At most one char per input char plus one pending space.
            reserve(n + 1);
            char[] a = chars;
            int len = length;
            boolean space = pendingSpace;
            boolean appended = false;
            for (int i = 0; i < n; i++) {
                char c = whole.charAt(i);
                if (c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\u000B')
                        || c == '\u00A0') {
                    space = true;
                    appended = true;
                } else if (c != '\u200B' && c != '\u00AD') {
                    if (space && len > textStart && a[len - 1] != '\n') {
                        a[len++] = ' ';
                    }
                    space = false;
                    a[len++] = c;
                    appended = true;
                }
            }
            length = len;
            pendingSpace = space;
            if (appended) {
                any = true;
                lastWasBreak = false;
            }
        }

        /** A {@code <br>}. */
        void lineBreak() {
            any = true;
            lastWasBreak = true;
            pendingSpace = false;
            if (length > textStart && chars[length - 1] == ' ') {
                length--;
            }
            reserve(1);
            chars[length++] = '\n';
        }

        /** The start or end of a nested block element: a line break unless at the block's start or after one. */
        void blockEdge() {
            if (any && !lastWasBreak) {
                lineBreak();
            }
        }

        /** Ends the inline block: strips it, and leaves it out when blank. */
        void endBlock() {
            int from = textStart;
            int to = length;
            while (from < to && Character.isWhitespace(chars[from])) {
                from++;
            }
            while (to > from && Character.isWhitespace(chars[to - 1])) {
                to--;
            }
            if (from == to) {
                length = blockStart;
            } else {
                System.arraycopy(chars, from, chars, textStart, to - from);
                length = textStart + (to - from);
            }
        }

        /** Appends a block rendered elsewhere ({@link Kind#SPECIAL}): stripped, and left out when blank. */
        void block(String text) {
            if (text.isBlank()) {
                return;
            }
            String stripped = text.strip();
            reserve(stripped.length() + 2);
            if (length > 0) {
                chars[length++] = '\n';
                chars[length++] = '\n';
            }
            stripped.getChars(0, stripped.length(), chars, length);
            length += stripped.length();
        }

        int wordCount() {
            return PlainText.wordCount(chars, length);
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }

        private void reserve(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }
    }

    // wordCount adds these two kinds as 0 and 1: keep their values.
    private static final byte SEPARATOR = 0;
    private static final byte LETTER_OR_DIGIT = 1;
    private static final byte JOINER = 2;

    /** ASCII by its part in words: a letter or digit ({@link Character#isLetterOrDigit}), maybe inside one, or neither. */
    private static final byte[] ASCII_KIND = new byte[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_KIND[c] = Character.isLetterOrDigit(c)
                    ? LETTER_OR_DIGIT
                    : c == '\'' || c == '-' || c == ',' || c == '.' ? JOINER : SEPARATOR;
        }
    }

    /**
     * Words: maximal runs of letters or digits, with inner apostrophes and hyphens ({@code Jong-un's}) and digit
     * grouping ({@code 2,000}, {@code 3.5}) kept inside one word, as newsroom counters do.
     */
    public static int wordCount(String text) {
        return wordCount(text.toCharArray(), text.length());
    }

    /** {@link #wordCount(String)} of the first {@code n} chars of {@code text}. */
    static int wordCount(char[] text, int n) {
        int words = 0;
        int inWord = 0; // 1 inside a word
        for (int i = 0; i < n; ) {
            char ch = text[i];
            int kind;
            if (ch < 0x80 && (kind = ASCII_KIND[ch]) != JOINER) {
                // Fast path (for speed) for ASCII that is a word character (kind 1) or cannot be inside a word (kind
                // 0): the count adds 1 at a word start without a branch (a branch mispredicts at every word).
                words += kind & (inWord ^ 1);
                inWord = kind;
                i++;
                continue;
            }
            int c = ch;
            int width = 1;
            if (Character.isHighSurrogate(ch) && i + 1 < n) {
                c = Character.codePointAt(text, i, n);
                width = Character.charCount(c);
            }
            boolean part;
            if (c < 0x80 ? ASCII_KIND[c] == LETTER_OR_DIGIT : Character.isLetterOrDigit(c)) {
                part = true;
            } else if (inWord == 0 || i + width >= n) {
                part = false;
            } else {
                char next = text[i + width];
                if (c == '\'' || c == '-' || c == '’') {
                    part = Character.isLetterOrDigit(next) || Character.isHighSurrogate(next);
                } else if (c == ',' || c == '.') {
                    part = Character.isDigit(text[i - 1]) && Character.isDigit(next);
                } else {
                    part = false;
                }
            }
            if (part && inWord == 0) {
                words++;
            }
            inWord = part ? 1 : 0;
            i += width;
        }
        return words;
    }
}
