package dev.attache.server.ratelimit;

import java.util.concurrent.CompletableFuture;

/**
 * A token's current window as one node knows it: the shared count when it last heard back, the requests
 * it sent and awaits an answer for, and those it counted since. Immutable but for {@code nextAnswer},
 * which the sender completes.
 *
 * @param startMillis when the window opened (as the shared windows said, once heard)
 * @param shared      the shared count when this node last heard back, its own sent requests included
 * @param sending     requests sent and not yet answered
 * @param pending     requests counted and not yet sent
 * @param heard       whether the shared windows answered for this window yet
 * @param quota       the quota the last request was held to
 * @param dueMillis   since when the counted requests have been due, or the send under way began
 * @param nextAnswer  completes when the next send of this token is answered, or fails
 */
record Tally(long startMillis, int shared, int sending, int pending, boolean heard, int quota, long dueMillis,
             CompletableFuture<Void> nextAnswer) {

    /** A window opened by a request at {@code now}, known to no one else yet. */
    static Tally opened(long now, int quota) {
        return new Tally(now, 0, 0, 1, false, quota, now, new CompletableFuture<>());
    }

    /** Every request in the window as far as this node knows. */
    int requests() {
        return shared + sending + pending;
    }

    boolean closedAt(long now) {
        return now - startMillis >= MinuteWindows.WINDOW_MILLIS;
    }

    Tally counted(int newQuota) {
        return new Tally(startMillis, shared, sending, pending + 1, heard, newQuota, dueMillis, nextAnswer);
    }

    /** The same, due since {@code now}. */
    Tally dueSince(long now) {
        return new Tally(startMillis, shared, sending, pending, heard, quota, now, nextAnswer);
    }

    /** The pending requests on their way to the shared windows, from {@code now}. */
    Tally sent(long now) {
        return new Tally(startMillis, shared, sending + pending, 0, heard, quota, now, nextAnswer);
    }

    /** The sent requests back to pending: the shared windows did not take them. */
    Tally unsent(long now) {
        return new Tally(startMillis, shared, 0, sending + pending, heard, quota, now, new CompletableFuture<>());
    }

    /** The shared windows' answer: their window and count, with what was counted here meanwhile. */
    Tally heardBack(MinuteWindows.Window window, long now) {
        return new Tally(window.startMillis(), window.requests(), 0, pending, true, quota, now, new CompletableFuture<>());
    }
}
