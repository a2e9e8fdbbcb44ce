package dev.attache.server.attachments;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns what a client sent as a file name into the name we store (docs/api.md §4): percent-decoded when
 * it is valid percent-encoded UTF-8, directory parts dropped, control characters removed, at most 255
 * characters.
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The stored name for a sent name, or empty when nothing usable remains. */
    static Optional<String> clean(String sent) {
        String name = lastSegment(percentDecoded(sent).orElse(sent));
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(kept::appendCodePoint);
        String trimmed = kept.toString().strip();
        if (trimmed.isEmpty() || trimmed.equals(".") || trimmed.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(truncate(trimmed));
    }

    /** Decodes {@code %XX} sequences when every one is well-formed and the bytes are valid UTF-8. */
    static Optional<String> percentDecoded(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return cut < 0 ? name : name.substring(cut + 1);
    }

    private static String truncate(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
    }
}
