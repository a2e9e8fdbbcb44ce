package dev.attache.server.ratelimit;

/**
 * Counts each token's requests in fixed one-minute windows; a window opens with the first request
 * after the previous one closed. Implementations are thread-safe.
 */
public interface MinuteWindows {

    /** A window's length. */
    long WINDOW_MILLIS = 60_000;

    /**
     * Counts one request.
     *
     * @param quota the requests per window the caller holds the count to; an implementation that
     *              learns other nodes' counts in batches learns them sooner as a token nears it
     * @return the window the request fell in, with every request counted in it so far, this one included
     *         (in a cluster, as far as this node knows)
     */
    Window count(long tokenGid, long nowMillis, int quota);

    /**
     * A token's current window.
     *
     * @param startMillis when it opened
     * @param requests    requests counted in it
     */
    record Window(long startMillis, int requests) {

        /** The window after counting one more request at {@code now}. */
        Window next(long now) {
            return now - startMillis >= WINDOW_MILLIS ? new Window(now, 1) : new Window(startMillis, requests + 1);
        }
    }
}
