package dev.attache.client;

/**
 * 402: the request needs a higher premium level than the workspace has.
 */
public final class PaymentRequiredException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 402 response
     */
    public PaymentRequiredException(ErrorResponse response) {
        super(response);
    }
}
