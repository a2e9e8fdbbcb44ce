package dev.attache.client;

/**
 * The root of every failure this client reports. Futures returned by {@link AttachmentsApi}
 * complete exceptionally with a subtype: {@link AsanaApiException} when the API answered with an
 * error, {@link AsanaTransportException} when no usable answer arrived.
 *
 * <p>Messages never contain the access token.
 */
public class AsanaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message a one-line description
     * @param cause the underlying failure, or null
     */
    protected AsanaException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception without a cause.
     *
     * @param message a one-line description
     */
    protected AsanaException(String message) {
        super(message);
    }
}
