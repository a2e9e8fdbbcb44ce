package dev.attache.testkit;

/**
 * What an OAuth token made by {@link AttacheServer#createUser(String, TokenScope...)} may do, with
 * Asana's names for the scopes.
 */
public enum TokenScope {
    /** {@code attachments:read}: get and list attachments, download their files. */
    ATTACHMENTS_READ("attachments:read"),
    /** {@code attachments:write}: upload and link attachments. */
    ATTACHMENTS_WRITE("attachments:write"),
    /** {@code attachments:delete}: delete attachments. */
    ATTACHMENTS_DELETE("attachments:delete");

    private final String asanaName;

    TokenScope(String asanaName) {
        this.asanaName = asanaName;
    }

    /** Asana's name of the scope, such as {@code attachments:read}. */
    public String asanaName() {
        return asanaName;
    }
}
