package dev.attache.server.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * When a node sends the requests it counted for a token to the shared windows: at the latest after
 * {@code every}; sooner once it has counted a batch, and a batch shrinks as the token nears its quota.
 *
 * <p>Why these rules: a node admits requests on what it last heard of the other nodes, so what it counts
 * between two reconciliations is what the cluster can pass the quota by. Far from the quota that does
 * not matter and a batch is {@code maxBatch} (one write for that many requests). Near the quota a node
 * sends once it has counted {@code 1/shareOfRemaining} of what was left when it last heard: up to that
 * many nodes each spending their share on the same stale view together stay within the quota, and the
 * last few requests before it are sent one by one. The first request of a window at a node is sent at
 * once, so a node that has just started, or that forgot an idle token, learns the count before it admits
 * a batch blind. Over the quota every request is refused anyway, so the counts wait for the timer.
 *
 * @param every            how long a counted request waits at most before it is sent
 * @param maxBatch         how many requests a node counts for a token before it sends them, far from the quota
 * @param shareOfRemaining near the quota, a batch is what remained of the quota divided by this
 */
public record Batching(Duration every, int maxBatch, int shareOfRemaining) {

    /**
     * A quarter of a second, 50 requests, an eighth of the rest: at most 4 writes a second per active
     * token and node when the token is quiet, one per 50 requests when it is busy, and no overshoot
     * from batches alone with up to 8 nodes.
     */
    public static final Batching DEFAULT = new Batching(Duration.ofMillis(250), 50, 8);

    public Batching {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero() || maxBatch < 1 || shareOfRemaining < 1) {
            throw new IllegalArgumentException("batching needs a positive interval, batch and share but was "
                    + every + ", " + maxBatch + ", " + shareOfRemaining);
        }
    }

    /** Whether a token's counts should be sent now, without waiting for the timer (never while a send is under way). */
    boolean isDue(Tally tally) {
        if (tally.pending() == 0 || tally.sending() > 0) {
            return false;
        }
        if (!tally.heard()) {
            return true;
        }
        int left = tally.quota() - tally.shared();
        if (left <= 0) {
            return false;
        }
        return tally.pending() >= Math.max(1, Math.min(maxBatch, left / shareOfRemaining));
    }
}
