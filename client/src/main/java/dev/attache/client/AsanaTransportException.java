package dev.attache.client;

import java.io.IOException;

/**
 * No usable response arrived: the connection failed, was reset, or timed out. The cause is the
 * {@link IOException}, for example {@link java.net.http.HttpTimeoutException}.
 */
public final class AsanaTransportException extends AsanaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param method the HTTP method, for example {@code POST}
     * @param path the request path below the API base, for example {@code /attachments}
     * @param cause the network failure
     */
    public AsanaTransportException(String method, String path, IOException cause) {
        super(method + " " + path + " -> " + describe(cause), cause);
    }

    private static String describe(IOException cause) {
        String text = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return text == null || text.isBlank() ? type : type + ": " + text;
    }
}
