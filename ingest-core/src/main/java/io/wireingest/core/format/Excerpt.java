package io.wireingest.core.format;

/** Short, printable excerpts of input for error messages. */
public final class Excerpt {
    private Excerpt() {}

    /** The first {@code max} characters, control characters shown as '?', quoted. */
    public static String of(String text, int max) {
        String head = text.length() > max ? text.substring(0, max) + "…" : text;
        StringBuilder sb = new StringBuilder(head.length() + 2).append('"');
        head.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.append('"').toString();
    }
}
