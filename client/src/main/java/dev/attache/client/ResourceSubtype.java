package dev.attache.client;

import java.util.Objects;

/**
 * An attachment's {@code resource_subtype} (also its {@code host}).
 *
 * <p>Kept as the raw string so values this client does not know yet ({@code dropbox},
 * {@code gdrive}, {@code box}, …) survive decoding; compare with {@link #ASANA} and
 * {@link #EXTERNAL}.
 *
 * @param value the wire value, for example {@code "asana"}
 */
public record ResourceSubtype(String value) {

    /** Bytes uploaded to Asana. */
    public static final ResourceSubtype ASANA = new ResourceSubtype("asana");

    /** A link to an external URL. */
    public static final ResourceSubtype EXTERNAL = new ResourceSubtype("external");

    /**
     * Checks the value.
     *
     * @param value the wire value, for example {@code "asana"}
     * @throws NullPointerException if {@code value} is null
     */
    public ResourceSubtype {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Tells whether this is one of the subtypes the API accepts on upload.
     *
     * @return true for {@code asana} and {@code external}
     */
    public boolean isUploadable() {
        return equals(ASANA) || equals(EXTERNAL);
    }

    @Override
    public String toString() {
        return value;
    }
}
