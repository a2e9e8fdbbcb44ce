package dev.attache.server.oauth;

import java.util.Optional;

/** Who a user is, for the {@code data} the token endpoint returns beside the token, as Asana's does. */
@FunctionalInterface
public interface Identities {

    /**
     * A user as the token response shows them.
     *
     * @param gid   the user's gid
     * @param name  display name
     * @param email email address
     */
    record Identity(long gid, String name, String email) {
    }

    /** The user with a gid, if there is one. */
    Optional<Identity> find(long userGid);
}
