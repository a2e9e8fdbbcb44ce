package dev.attache.cli.attachments;

/**
 * A local file cannot be sent: missing, a directory, unreadable or over the API's size limit.
 * Found before any byte goes out; exits with code 2 like a usage error.
 */
final class LocalFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LocalFileException(String message) {
        super(message);
    }
}
