package dev.attache.client;

import org.jspecify.annotations.Nullable;

/**
 * An attachment field that can be named in {@code opt_fields}. See {@link Fields}; a field not
 * listed here is asked for by name with {@link Fields#named}.
 */
public enum Field {
    /** {@code connected_to_app} (opt-in; external attachments). */
    CONNECTED_TO_APP("connected_to_app"),
    /** {@code created_at}. */
    CREATED_AT("created_at"),
    /** {@code download_url}. */
    DOWNLOAD_URL("download_url"),
    /** {@code host}. */
    HOST("host"),
    /** {@code name}. */
    NAME("name"),
    /** {@code parent}, as gid and resource type only. */
    PARENT("parent"),
    /** {@code parent.created_by} (opt-in). */
    PARENT_CREATED_BY("parent.created_by"),
    /** {@code parent.name}. */
    PARENT_NAME("parent.name"),
    /** {@code parent.resource_subtype}. */
    PARENT_RESOURCE_SUBTYPE("parent.resource_subtype"),
    /** {@code permanent_url}. */
    PERMANENT_URL("permanent_url"),
    /** {@code resource_subtype}. */
    RESOURCE_SUBTYPE("resource_subtype"),
    /** {@code size} (opt-in; uploaded attachments). */
    SIZE("size"),
    /** {@code view_url}. */
    VIEW_URL("view_url");

    private final String wireName;

    Field(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name the API uses.
     *
     * @return for example {@code "parent.created_by"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The field the API calls {@code wireName}.
     *
     * @param wireName for example {@code "parent.name"}
     * @return the field, or null when none is called that
     */
    static @Nullable Field forWireName(String wireName) {
        for (Field f : values()) {
            if (f.wireName.equals(wireName)) {
                return f;
            }
        }
        return null;
    }
}
