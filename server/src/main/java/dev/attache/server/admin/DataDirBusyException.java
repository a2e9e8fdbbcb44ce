package dev.attache.server.admin;

import java.nio.file.Path;

/** A server holds the data directory, so an action that needs it to itself was refused. */
public final class DataDirBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataDirBusyException(Path dataDir, String refused) {
        super("a server is running on " + dataDir.toAbsolutePath() + "; " + refused);
    }
}
