package dev.attache.server.ratelimit;

/**
 * Per-token minute windows that every node of a cluster adds its counts to. Implementations are
 * thread-safe and atomic per call.
 */
public interface SharedWindows {

    /**
     * Adds requests counted on one node to a token's window.
     *
     * @param windowStartMillis when the window these requests fell in opened, as the node knows it; a
     *                          window that opened at least {@link MinuteWindows#WINDOW_MILLIS} earlier
     *                          is closed and gives way to a fresh one opening then
     * @param requests          how many, at least 1
     * @return the token's window after the addition, with every node's requests counted in it so far
     * @throws RuntimeException when the store cannot be reached
     */
    MinuteWindows.Window add(long tokenGid, long windowStartMillis, int requests);
}
