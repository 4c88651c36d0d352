package io.wireingest.core.decode;

import io.wireingest.core.model.RawItem;
import io.wireingest.core.pipeline.RejectedException;
import io.wireingest.core.pipeline.StageName;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a raw item's bytes to text. Order of evidence: byte-order mark, declared charset, XML prolog encoding, HTML
 * meta charset, strict UTF-8, then windows-1252 (the teletype formats' usual encoding). Invalid bytes never fail the
 * item: they become U+FFFD and the item is marked malformed. Binary content (NUL bytes in the text) is refused.
 */
public final class DecodeBytes {
    private static final Pattern XML_ENCODING =
            Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int SNIFF_BYTES = 2048;

    public DecodedItem decode(RawItem raw) throws RejectedException {
        byte[] bytes = raw.body();
        MediaType media = MediaType.parse(raw.contentType());
        if (bytes.length == 0) {
            throw new RejectedException(StageName.DECODE, "empty", "the item has no content");
        }
        // Byte-order marks win over every declaration.
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return finish(raw, media, bytes, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return finish(raw, media, bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return finish(raw, media, bytes, 2, StandardCharsets.UTF_16LE);
        }
        Charset declared = charset(media.charset());
        if (declared == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
            Matcher xml = XML_ENCODING.matcher(head.stripLeading());
            if (xml.find()) {
                declared = charset(xml.group(1));
            } else {
                Matcher meta = META_CHARSET.matcher(head);
                if (meta.find()) {
                    declared = charset(meta.group(1));
                }
            }
        }
        if (declared != null) {
            return finish(raw, media, bytes, 0, declared);
        }
        try {
            String text = strict(StandardCharsets.UTF_8, bytes, 0);
            return check(new DecodedItem(raw, media, text, "UTF-8", false));
        } catch (CharacterCodingException notUtf8) {
            return finish(raw, media, bytes, 0, WINDOWS_1252);
        }
    }

    private static DecodedItem finish(RawItem raw, MediaType media, byte[] bytes, int offset, Charset charset)
            throws RejectedException {
        try {
            return check(new DecodedItem(raw, media, strict(charset, bytes, offset), charset.name(), false));
        } catch (CharacterCodingException e) {
            String lenient = new String(bytes, offset, bytes.length - offset, charset);
            return check(new DecodedItem(raw, media, lenient, charset.name(), true));
        }
    }

    private static DecodedItem check(DecodedItem item) throws RejectedException {
        String text = item.text();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new RejectedException(
                    StageName.DECODE, "binary", "the content contains NUL characters (offset " + nul + "): not text");
        }
        if (text.isBlank()) {
            throw new RejectedException(StageName.DECODE, "empty", "the item has only white space");
        }
        long replaced = 0;
        // Count replacement characters with indexOf (vectorized), only when there is one at all.
        for (int at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
            replaced++;
        }
        if (replaced > 64 && replaced * 10 > text.length()) {
            throw new RejectedException(
                    StageName.DECODE,
                    "undecodable",
                    "more than 10% of the content is not valid " + item.charset() + " (" + replaced + " characters)");
        }
        return item;
    }

    private static String strict(Charset charset, byte[] bytes, int offset) throws CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
        return chars.toString();
    }

    private static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        // ISO-8859-1 as declared on the web almost always means windows-1252 (the HTML standard says so too).
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
