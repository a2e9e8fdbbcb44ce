package dev.attache.server.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * When a node sends the requests it counted for a token to the shared windows: at the latest after
 * {@code every}; sooner once it has counted a batch, and a batch shrinks as the token nears its quota.
 *
 * <p>Why these rules: a node admits requests on what it last heard of the other nodes, so what it counts
 * between two answers is what the cluster can pass the quota by. Far from the quota a batch is
 * {@code maxBatch} (one write for that many requests). Near the quota a node sends once it has counted
 * {@code 1/shareOfRemaining} of what was left when it last heard: up to that many nodes each spending
 * their share on the same view together stay within the quota, and the last few requests before it are
 * sent one by one. The first request of a window at a node is sent at once, so a node that has just
 * started, or that forgot an idle token, learns the count before it admits more. Over the quota every
 * request is refused anyway, so the counts wait for the timer.
 *
 * <p>A batch is sent while the node goes on counting. A request that finds its batch full already (not yet
 * sent, or with the batch before it still under way) while the node has run ahead of what it last heard
 * by two batches or by an {@code 8 x shareOfRemaining}th of what was left, whichever is more, waits for
 * answers until it has not, for at most {@code maxWait} after it arrived or the batch became due. Far from
 * the quota nothing waits, so counting costs a request no database round trip; near it, the last
 * requests are paced to the database's answers, as every request was before batching. So with N nodes
 * the cluster can pass a token's quota by at most (N - 1) x max(2 x {@code maxBatch},
 * quota / (8 x {@code shareOfRemaining})) requests, when one node spends the rest while the others'
 * views are stale; usually far less, since near the quota batches shrink and every node hears often. The
 * bound takes the spending node to hear back between its own batches; when its answers lag further
 * (threads starved of a CPU), each other node's last batch, committed after the spender last heard, can
 * be missing from its view too: at most (N - 1) x 3 batches then (seen: three nodes in one process,
 * twelve threads on two cores, about one run in 25, 108 over 1,500 at most). A
 * database slower than {@code maxWait} delays requests by that much at most and then lets the node admit
 * on what it knows, past this bound; while sends fail, nothing waits at all.
 *
 * @param every            how long a counted request waits at most before it is sent
 * @param maxBatch         how many requests a node counts for a token before it sends them, far from the quota
 * @param shareOfRemaining near the quota, a batch is what remained of the quota divided by this
 * @param maxWait          how long a request waits at most for answers before it is admitted on what the node knows
 */
public record Batching(Duration every, int maxBatch, int shareOfRemaining, Duration maxWait) {

    /**
     * A quarter of a second, 20 requests, an eighth of the rest, a quarter of a second: at most 4 writes a
     * second per token and node while the token is quiet and one per 20 requests while it is busy; three
     * nodes that hear back in time pass Asana's 1,500 by at most 2 x 40 requests (5.3 %), a large quota by
     * at most 2 x 1/64 of it; a hung database costs a request a quarter of a second at most.
     */
    public static final Batching DEFAULT = new Batching(Duration.ofMillis(250), 20, 8, Duration.ofMillis(250));

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

    /**
     * Whether a request should wait for the next answer before it is admitted: the batch it falls in is
     * full already, and waits to be sent or for the batch before it, and the node has run ahead of what it
     * heard by two batches or by an {@code 8 x shareOfRemaining}th of what was left, whichever is more.
     */
    boolean mustWait(Tally tally) {
        int batch = batch(tally);
        if (batch == Integer.MAX_VALUE || tally.requests() > tally.quota()) {
            return false;
        }
        boolean batchFull = tally.pending() > batch || tally.sending() > 0 && tally.pending() >= batch;
        long left = (long) tally.quota() - tally.shared();
        long runAhead = Math.max(2L * batch, tally.heard() ? left / (8L * shareOfRemaining) : 0);
        return batchFull && tally.sending() + tally.pending() >= runAhead;
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
