package dev.attache.server.auth;

import java.util.Optional;

import io.javalin.http.Context;

/**
 * A second way for a request to say who is calling, tried only when it has no {@code Authorization}
 * header: a signed-in browser session. Implementations check the session's token on every call, so a
 * revoked token ends its sessions at once.
 */
@FunctionalInterface
public interface SessionAuthenticator {

    /** Accepts no sessions: bearer tokens only. */
    SessionAuthenticator NONE = ctx -> Optional.empty();

    /**
     * The principal of the request's session.
     *
     * @return empty when the request carries no session, or one that has ended
     * @throws dev.attache.server.http.ApiException 403 when a state-changing request lacks the
     *                                              session's CSRF token
     */
    Optional<Principal> principal(Context ctx);
}
