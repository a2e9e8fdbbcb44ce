package dev.attache.client;

import java.util.Objects;

/**
 * The gid of an object that holds attachments (a task, project or project brief): decimal digits.
 *
 * <p>A separate type from {@link AttachmentGid} so one cannot be passed where the other belongs.
 *
 * @param value the digits, never empty
 */
public record ParentGid(String value) {

    /**
     * Checks the gid.
     *
     * @param value the digits, never empty
     * @throws IllegalArgumentException if {@code value} is empty or not all ASCII digits
     */
    public ParentGid {
        Gids.requireDigits(Objects.requireNonNull(value, "value"), "parent gid");
    }

    /**
     * Returns a gid for {@code value}.
     *
     * @param value the digits
     * @return the gid
     * @throws IllegalArgumentException if {@code value} is not all ASCII digits
     */
    public static ParentGid of(String value) {
        return new ParentGid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
