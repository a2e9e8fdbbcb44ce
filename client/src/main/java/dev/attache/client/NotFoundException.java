package dev.attache.client;

/**
 * 404: the attachment or parent does not exist, or the route is unknown.
 */
public final class NotFoundException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 404 response
     */
    public NotFoundException(ErrorResponse response) {
        super(response);
    }
}
