package dev.attache.server.auth;

import java.util.Optional;

import dev.attache.server.http.ApiException;
import io.javalin.http.Context;

/**
 * Turns an {@code Authorization} header, or failing that a browser session, into a {@link Principal},
 * or refuses with Asana's 401.
 */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final TokenStore tokens;
    private final SessionAuthenticator sessions;

    public Authenticator(TokenStore tokens) {
        this(tokens, SessionAuthenticator.NONE);
    }

    public Authenticator(TokenStore tokens, SessionAuthenticator sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** The principal of a request; 401 {@code Not Authorized} when it has neither a live token nor a session. */
    public Principal authenticate(Context ctx) {
        return principal(ctx).orElseThrow(ApiException::notAuthorized);
    }

    /** The principal of a request: its bearer token when it sends one (never falling back), else its session. */
    public Optional<Principal> principal(Context ctx) {
        String authorization = ctx.header("Authorization");
        return authorization != null ? principal(authorization) : sessions.principal(ctx);
    }

    /** The principal for an {@code Authorization} header value, if it names a live token. */
    public Optional<Principal> principal(String authorization) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return tokens.authenticate(authorization.substring(BEARER.length()).trim());
    }
}
