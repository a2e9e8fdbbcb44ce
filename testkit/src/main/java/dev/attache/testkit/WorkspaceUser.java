package dev.attache.testkit;

import java.util.Objects;

/**
 * A user of the server's workspace and the bearer token it calls the API with.
 *
 * @param gid   the user's gid, decimal digits
 * @param token its bearer token; left out of {@link #toString()} so it never reaches a log
 */
public record WorkspaceUser(String gid, String token) {
    /** Checks the values. */
    public WorkspaceUser {
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "WorkspaceUser[gid=" + gid + ", token=<redacted>]";
    }
}
