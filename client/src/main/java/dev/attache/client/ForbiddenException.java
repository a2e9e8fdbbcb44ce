package dev.attache.client;

/**
 * 403: the token lacks a scope, or the user cannot see the object.
 */
public final class ForbiddenException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 403 response
     */
    public ForbiddenException(ErrorResponse response) {
        super(response);
    }
}
