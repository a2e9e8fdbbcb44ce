package dev.attache.server.oauth;

import java.util.Objects;

/**
 * A refusal at the token or revoke endpoint in OAuth's shape (RFC 6749 §5.2):
 * {@code {"error": "invalid_grant", "error_description": "..."}}, not Asana's API envelope.
 */
final class OAuthError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    private OAuthError(int status, String error, String description) {
        super(Objects.requireNonNull(description, "description"), null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    /** 401: the client id and secret do not name an app (RFC 6749 §5.2). */
    static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", "The client id and secret do not match a registered app.");
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    static OAuthError unsupportedGrantType(String grantType) {
        return new OAuthError(400, "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token, not '" + grantType + "'.");
    }

    int status() {
        return status;
    }

    /** The error code, such as {@code invalid_grant}. */
    String error() {
        return error;
    }
}
