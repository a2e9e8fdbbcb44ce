package dev.attache.server.directory;

/** A user could not be created because another user has the email already. */
public final class EmailTakenException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public EmailTakenException(String email) {
        super("a user with email " + email + " exists already");
    }
}
