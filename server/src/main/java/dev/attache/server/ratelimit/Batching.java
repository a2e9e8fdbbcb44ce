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
 * <p>A batch is sent while the node goes on counting. A request that finds the next batch full while the
 * previous one is still under way waits for its answer, for at most {@code maxWait} after it was sent:
 * so a node admits at most two batches unheard, however fast requests come, and a database that hangs
 * delays requests by no more than that. Far from the quota this needs 50 requests for one token within
 * one database round trip; near it, it paces the last requests to the database's answers, as every
 * request was paced before batching.
 *
 * @param every            how long a counted request waits at most before it is sent
 * @param maxBatch         how many requests a node counts for a token before it sends them, far from the quota
 * @param shareOfRemaining near the quota, a batch is what remained of the quota divided by this
 * @param maxWait          how long after a batch was sent a request may still wait for its answer
 */
public record Batching(Duration every, int maxBatch, int shareOfRemaining, Duration maxWait) {

    /**
     * A quarter of a second, 50 requests, an eighth of the rest, 50 ms: at most 4 writes a second per
     * active token and node when the token is quiet, one per 50 requests when it is busy, no overshoot
     * from batches alone with up to 8 nodes, and a hung database costs a request 50 ms at most.
     */
    public static final Batching DEFAULT = new Batching(Duration.ofMillis(250), 50, 8, Duration.ofMillis(50));

    public Batching {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(maxWait, "maxWait");
        if (every.isNegative() || every.isZero() || maxBatch < 1 || shareOfRemaining < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("batching needs a positive interval, batch and share and a wait "
                    + "of zero or more but was " + every + ", " + maxBatch + ", " + shareOfRemaining + ", " + maxWait);
        }
    }

    /** Whether a token's counts should be sent now, without waiting for the timer (never while a send is under way). */
    boolean isDue(Tally tally) {
        return tally.sending() == 0 && tally.pending() > 0 && tally.pending() >= batch(tally);
    }

    /** Whether a request should wait for the answer to the send under way: the next batch is full already. */
    boolean mustWait(Tally tally) {
        return tally.sending() > 0 && tally.pending() >= batch(tally) && tally.requests() <= tally.quota();
    }

    /** How many counted requests make a batch; {@code Integer.MAX_VALUE} when only the timer sends. */
    private int batch(Tally tally) {
        if (!tally.heard()) {
            return 1;
        }
        int left = tally.quota() - tally.shared();
        if (left <= 0) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, Math.min(maxBatch, left / shareOfRemaining));
    }
}
