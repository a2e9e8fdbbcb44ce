package dev.attache.server.auth;

import java.util.Optional;

import dev.attache.server.http.ApiException;

/** Turns an {@code Authorization} header into a {@link Principal}, or refuses with Asana's 401. */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final TokenStore tokens;

    public Authenticator(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The principal for a header value; 401 {@code Not Authorized} when missing, malformed, unknown or revoked. */
    public Principal authenticate(String authorization) {
        return principal(authorization).orElseThrow(ApiException::notAuthorized);
    }

    /** The principal for a header value, if it names a live token. */
    public Optional<Principal> principal(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return tokens.authenticate(authorization.substring(BEARER.length()).trim());
    }
}
