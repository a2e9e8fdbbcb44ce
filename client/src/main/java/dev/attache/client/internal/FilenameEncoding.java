package dev.attache.client.internal;

import java.nio.charset.StandardCharsets;

/**
 * Encodes file names for a multipart {@code Content-Disposition}: an ASCII {@code filename}
 * with everything risky percent-encoded (Asana asks clients to URL-encode non-ASCII names, and
 * servers decode valid percent-encoding), plus RFC 5987 {@code filename*=UTF-8''…}, which
 * servers prefer when present.
 */
public final class FilenameEncoding {

    private static final String RFC5987_ATTR_CHARS = "!#$&+-.^_`|~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FilenameEncoding() {
    }

    /**
     * The {@code filename} and {@code filename*} parameters, ready to follow
     * {@code form-data; name="file"}.
     *
     * @param name the file name
     * @return for example {@code filename="r%C3%A9sum%C3%A9.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf}
     */
    public static String dispositionParameters(String name) {
        return "filename=\"" + asciiFilename(name) + "\"; filename*=UTF-8''" + extendedFilename(name);
    }

    /**
     * Printable ASCII stays, except {@code "}, {@code \} and {@code %}; everything else,
     * including CR and LF, is percent-encoded as UTF-8.
     *
     * @param name the file name
     * @return a quoted-string-safe ASCII name
     */
    public static String asciiFilename(String name) {
        return encode(name, c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%');
    }

    /**
     * RFC 5987 {@code value-chars}: attr-chars stay, everything else is percent-encoded UTF-8.
     *
     * @param name the file name
     * @return the encoded value, without the {@code UTF-8''} prefix
     */
    public static String extendedFilename(String name) {
        return encode(name, c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || RFC5987_ATTR_CHARS.indexOf(c) >= 0);
    }

    private interface Keep {
        boolean test(int c);
    }

    private static String encode(String name, Keep keep) {
        StringBuilder out = new StringBuilder(name.length() + 16);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && keep.test(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
