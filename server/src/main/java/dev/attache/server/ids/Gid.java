package dev.attache.server.ids;

import java.util.Objects;
import java.util.Optional;

/**
 * An Asana global id as a client sent it: a string of decimal digits. Ids this server generates fit
 * in a {@code long}; a well-formed id too long for one cannot name anything here, so it maps to
 * {@link #NONE} and looks up as not found rather than malformed.
 *
 * @param value the id as a number, or {@link #NONE}
 * @param text  the id exactly as sent, for messages
 */
public record Gid(long value, String text) {

    /** The number no row ever has. */
    public static final long NONE = -1;

    public Gid {
        Objects.requireNonNull(text, "text");
    }

    /** A gid this server generated. */
    public static Gid of(long value) {
        return new Gid(value, Long.toString(value));
    }

    /** Whether the text is a gid: one or more ASCII digits. */
    public static boolean isWellFormed(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a client's gid.
     *
     * @return the gid, or empty when the text is not all digits
     */
    public static Optional<Gid> parse(String text) {
        if (!isWellFormed(text)) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException tooLong) {
            value = NONE;
        }
        return Optional.of(new Gid(value, text));
    }

    @Override
    public String toString() {
        return text;
    }
}
