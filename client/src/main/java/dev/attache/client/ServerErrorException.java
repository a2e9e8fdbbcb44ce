package dev.attache.client;

/**
 * 5xx: the server failed; {@link #phrase()} identifies a 500 for support.
 */
public final class ServerErrorException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 5xx response
     */
    public ServerErrorException(ErrorResponse response) {
        super(response);
    }
}
