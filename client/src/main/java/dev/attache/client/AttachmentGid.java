package dev.attache.client;

import java.util.Objects;

/**
 * The gid of an attachment: a string of decimal digits.
 *
 * <p>A separate type from {@link ParentGid} so one cannot be passed where the other belongs.
 *
 * @param value the digits, never empty
 */
public record AttachmentGid(String value) {

    /**
     * Checks the gid.
     *
     * @param value the digits, never empty
     * @throws IllegalArgumentException if {@code value} is empty or not all ASCII digits
     */
    public AttachmentGid {
        Gids.requireDigits(Objects.requireNonNull(value, "value"), "attachment gid");
    }

    /**
     * Returns a gid for {@code value}.
     *
     * @param value the digits
     * @return the gid
     * @throws IllegalArgumentException if {@code value} is not all ASCII digits
     */
    public static AttachmentGid of(String value) {
        return new AttachmentGid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
