package dev.attache.client;

/**
 * 400: a parameter is missing or malformed; {@link #errors()} names it.
 */
public final class BadRequestException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 400 response
     */
    public BadRequestException(ErrorResponse response) {
        super(response);
    }
}
