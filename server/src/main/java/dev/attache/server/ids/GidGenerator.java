package dev.attache.server.ids;

import java.time.Clock;

/**
 * Generates gids unique across the nodes of a deployment without asking the database: 41 bits of
 * milliseconds since 2024-01-01, 10 bits of node id, 12 bits of sequence (4,096 ids per millisecond
 * per node). Ids grow with time, so ordering by gid is ordering by creation, which keyset paging
 * relies on. Thread-safe.
 */
public final class GidGenerator {

    private static final long EPOCH_MILLIS = 1_704_067_200_000L;
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMillis = -1;
    private long sequence;

    public GidGenerator(Clock clock, int nodeId) {
        if (nodeId < 0 || nodeId >= 1 << NODE_BITS) {
            throw new IllegalArgumentException("nodeId must be 0..1023 but was " + nodeId);
        }
        this.clock = clock;
        this.node = nodeId;
    }

    /** A new gid, larger than every gid this generator returned before. */
    public synchronized long next() {
        // A clock that steps back must not produce an id already handed out: keep counting from the
        // last millisecond used instead.
        long now = Math.max(clock.millis() - EPOCH_MILLIS, lastMillis);
        if (now == lastMillis) {
            sequence = (sequence + 1) & SEQUENCE_MASK;
            if (sequence == 0) {
                now = lastMillis + 1;
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return (now << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
    }
}
