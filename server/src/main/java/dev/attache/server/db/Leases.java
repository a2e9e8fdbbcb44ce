package dev.attache.server.db;

import java.time.Clock;
import java.time.Duration;

/**
 * Time-limited ownership of a name, kept in the database so the nodes of a cluster agree on it: a
 * node id in use, or the right to run a cluster-wide job. A holder keeps a lease by renewing it before
 * it expires; an expired lease goes to whoever asks next. Thread-safe.
 */
public final class Leases {

    private final Jdbc jdbc;
    private final Clock clock;

    public Leases(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Takes a lease that is free or expired, or renews one the holder has.
     *
     * @return whether {@code holder} now holds {@code name} for {@code ttl}
     */
    public boolean tryAcquire(String name, String holder, Duration ttl) {
        long now = clock.millis();
        // One statement, so two nodes asking at once cannot both win: the loser's update finds the
        // winner's row and its WHERE fails.
        return jdbc.update("INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                        + "WHERE leases.holder = excluded.holder OR leases.expires_at <= ?",
                name, holder, now + ttl.toMillis(), now) == 1;
    }

    /** Gives a lease up at once, if the holder still has it. */
    public void release(String name, String holder) {
        jdbc.update("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder);
    }
}
