package dev.attache.server.ids;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

import dev.attache.server.db.Leases;

/**
 * A node id held through the shared database, so no two live nodes of a cluster generate gids with the
 * same node bits. The holder renews it well within its lifetime; a node that dies lets it expire, and
 * a node started later may take it. Not thread-safe; the node's maintenance thread renews it.
 */
public final class NodeIdLease implements AutoCloseable {

    /** How long a lease lasts without renewal: how soon a dead node's id may be reused. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** How often the holder renews it. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(10);

    private static final int IDS = 1024;
    /**
     * Leased ids come from 1..1022: 0 is the embedded server's and 1023 its admin commands', so the
     * gids of data migrated from a single server never meet a leased node's.
     */
    private static final int FIRST_LEASED = 1;
    private static final int LEASED = IDS - 2;

    private final Leases leases;
    private final int nodeId;
    private final String holder;

    private NodeIdLease(Leases leases, int nodeId, String holder) {
        this.leases = leases;
        this.nodeId = nodeId;
        this.holder = holder;
    }

    /**
     * Leases the requested node id, or any free one.
     *
     * @param requested the id {@code --node-id} asked for, or empty to take any free one
     * @param holder    who asks, unique per process (such as a random UUID)
     * @throws IllegalStateException when the requested id is held by a live node, or every id is
     */
    public static NodeIdLease acquire(Leases leases, OptionalInt requested, String holder) {
        if (requested.isPresent()) {
            int id = requested.getAsInt();
            if (!leases.tryAcquire(name(id), holder, TTL)) {
                throw new IllegalStateException("node id " + id + " is in use by another running node of this cluster; "
                        + "give each node its own --node-id, or leave it out to have one assigned");
            }
            return new NodeIdLease(leases, id, holder);
        }
        // Start at a random id so nodes starting together do not all contend for the same rows.
        int start = ThreadLocalRandom.current().nextInt(LEASED);
        for (int i = 0; i < LEASED; i++) {
            int id = FIRST_LEASED + (start + i) % LEASED;
            if (leases.tryAcquire(name(id), holder, TTL)) {
                return new NodeIdLease(leases, id, holder);
            }
        }
        throw new IllegalStateException("all " + LEASED + " node ids are in use by running nodes of this cluster");
    }

    /** The leased id. */
    public int nodeId() {
        return nodeId;
    }

    /**
     * Extends the lease.
     *
     * @return false when another node holds the id now (this node was silent longer than {@link #TTL})
     */
    public boolean renew() {
        return leases.tryAcquire(name(nodeId), holder, TTL);
    }

    /** Gives the id back at once, for the next node that starts. */
    @Override
    public void close() {
        leases.release(name(nodeId), holder);
    }

    private static String name(int id) {
        return "node-id:" + id;
    }
}
