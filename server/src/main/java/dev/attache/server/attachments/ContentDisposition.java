package dev.attache.server.attachments;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a part's {@code Content-Disposition: form-data; name="file"; filename="a.png"}
 * header. Quoted values honour {@code \"} and {@code \\} as curl sends them, and keep any other
 * backslash, because browsers send {@code C:\fakepath\a.png} unescaped.
 */
record ContentDisposition(Map<String, String> params) {

    /** Parses a header value; never fails, unknown syntax yields fewer parameters. */
    static ContentDisposition parse(String header) {
        Map<String, String> params = new HashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i++;
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < header.length() && header.charAt(j) == ' ') {
                j++;
            }
            StringBuilder value = new StringBuilder();
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length() && (header.charAt(j + 1) == '"' || header.charAt(j + 1) == '\\')) {
                        c = header.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j = header.indexOf(';', j);
            } else {
                int end = header.indexOf(';', j);
                value.append(header, j, end < 0 ? header.length() : end);
                j = end;
            }
            params.putIfAbsent(key, key.endsWith("*") ? value.toString().strip() : value.toString());
            i = j;
        }
        return new ContentDisposition(Map.copyOf(params));
    }

    /** The form field name. */
    Optional<String> name() {
        return Optional.ofNullable(params.get("name"));
    }

    /** Whether the part carried a file name at all (even an empty one). */
    boolean hasFilename() {
        return params.containsKey("filename") || params.containsKey("filename*");
    }

    /** The file name: RFC 5987 {@code filename*} wins over {@code filename}. */
    Optional<String> filename() {
        String extended = params.get("filename*");
        if (extended != null) {
            Optional<String> decoded = decodeExtended(extended);
            if (decoded.isPresent()) {
                return decoded;
            }
        }
        return Optional.ofNullable(params.get("filename")).map(ContentDisposition::rawUtf8);
    }

    /** {@code UTF-8''r%C3%A9sum%C3%A9.pdf} (charset, optional language, percent-encoded bytes). */
    static Optional<String> decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        String charset = value.substring(0, first);
        if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("ISO-8859-1")) {
            return Optional.empty();
        }
        String encoded = value.substring(second + 1).replace("+", "%2B");
        try {
            return Optional.of(URLDecoder.decode(encoded, charset.equalsIgnoreCase("UTF-8")
                    ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Header bytes reach us as ISO-8859-1 characters; a name sent as raw UTF-8 (what browsers and curl
     * do) is re-read as UTF-8 when its bytes are valid UTF-8.
     */
    static String rawUtf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xFF) {
                return latin1;
            }
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return latin1;
        }
    }
}
