package dev.attache.server.admin;

/** An admin action named a workspace, user, project, token or data directory that does not exist. */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
