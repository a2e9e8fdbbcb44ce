package dev.attache.server.admin;

/** An admin action named a workspace, user, project, token or data directory that does not exist. */
public final class AdminTargetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdminTargetNotFoundException(String message) {
        super(message);
    }
}
