package dev.attache.client;

/**
 * 413: the file exceeds the 100 MB upload limit; retrying will not help.
 */
public final class PayloadTooLargeException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 413 response
     */
    public PayloadTooLargeException(ErrorResponse response) {
        super(response);
    }
}
