package dev.attache.server.auth;

import java.util.Set;

import dev.attache.server.http.ApiException;

/**
 * Who is making a request, as established from its bearer token.
 *
 * @param userGid  the user the token belongs to
 * @param tokenGid the token itself, the key for rate limits
 * @param kind     personal access token or OAuth
 * @param scopes   what the token may do
 */
public record Principal(long userGid, long tokenGid, TokenKind kind, Set<Scope> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** Whether the token has a scope. */
    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Fails with Asana's 403 when the token lacks a scope. */
    public void require(Scope scope) {
        if (!has(scope)) {
            throw ApiException.forbidden(
                    "The following scopes must be present to fulfill this request: " + scope.wireName());
        }
    }
}
