package io.wireingest.core.decode;

import java.util.Locale;

/**
 * A parsed {@code Content-Type}: lowercase {@code type/subtype} and the charset parameter, if any.
 *
 * @param mimeType e.g. {@code text/html}; {@code application/octet-stream} when none was declared
 * @param charset the declared charset name, or null
 */
public record MediaType(String mimeType, String charset) {
    public static final MediaType UNKNOWN = new MediaType("application/octet-stream", null);

    /** Parses a Content-Type value leniently; null or blank gives {@link #UNKNOWN}. */
    public static MediaType parse(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return UNKNOWN;
        }
        String[] parts = contentType.split(";");
        String mime = parts[0].trim().toLowerCase(Locale.ROOT);
        if (mime.isEmpty() || !mime.contains("/")) {
            mime = UNKNOWN.mimeType();
        }
        String charset = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                charset = p.substring(eq + 1).trim().replace("\"", "").replace("'", "");
                if (charset.isEmpty()) {
                    charset = null;
                }
            }
        }
        return new MediaType(mime, charset);
    }

    public boolean isHtml() {
        return mimeType.equals("text/html") || mimeType.equals("application/xhtml+xml");
    }

    public boolean isXml() {
        return mimeType.endsWith("/xml") || mimeType.endsWith("+xml");
    }

    public boolean isJson() {
        return mimeType.endsWith("/json") || mimeType.endsWith("+json");
    }

    public boolean isPlainText() {
        return mimeType.equals("text/plain");
    }
}
