package dev.attache.server.blob;

import java.io.IOException;

/**
 * Recognises a storage failure that means the disk (or the quota) is full. Java reports it as a plain
 * {@link IOException} with the operating system's message, so the message is all there is to go on.
 */
public final class OutOfSpace {

    /** ENOSPC and EDQUOT on Linux and macOS, ERROR_DISK_FULL on Windows. */
    private static final String[] MESSAGES = {"No space left on device", "Disk quota exceeded", "There is not enough space on the disk"};

    private OutOfSpace() {
    }

    /** Whether this failure, or one it was caused by, says the storage has no room left. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IOException && message != null) {
                for (String full : MESSAGES) {
                    if (message.contains(full)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
