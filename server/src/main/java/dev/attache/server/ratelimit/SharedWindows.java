package dev.attache.server.ratelimit;

import java.util.List;
import java.util.Map;

/**
 * Per-token minute windows that every node of a cluster adds its counts to. Implementations are
 * thread-safe, and each call is atomic: all its counts are added, or none.
 */
public interface SharedWindows {

    /**
     * Requests counted on one node for a token.
     *
     * @param tokenGid          the token
     * @param windowStartMillis when the window these requests fell in opened, as the node knows it; a
     *                          window that opened at least {@link MinuteWindows#WINDOW_MILLIS} earlier
     *                          is closed and gives way to a fresh one opening then
     * @param requests          how many, at least 1
     */
    record Counts(long tokenGid, long windowStartMillis, int requests) {
    }

    /**
     * Adds several tokens' counts to their windows in one step.
     *
     * @param counts at most one per token
     * @return each of these tokens' windows after the addition, with every node's requests counted in it so far
     * @throws RuntimeException when the store cannot be reached; then none of the counts was added
     *                          (unless the store took them and only its answer was lost)
     */
    Map<Long, MinuteWindows.Window> addAll(List<Counts> counts);
}
