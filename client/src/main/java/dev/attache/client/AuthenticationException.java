package dev.attache.client;

/**
 * 401: the token is missing, malformed, unknown or revoked.
 */
public final class AuthenticationException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 401 response
     */
    public AuthenticationException(ErrorResponse response) {
        super(response);
    }
}
