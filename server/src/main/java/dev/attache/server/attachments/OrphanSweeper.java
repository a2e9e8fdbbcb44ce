package dev.attache.server.attachments;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.UploadIntents;
import dev.attache.server.db.Leases;

/**
 * The clean-up of a blob store that several nodes share, run on one node at a time under a lease.
 * Removes bytes (committed or partial) that no attachment row references and whose upload intent is
 * gone or untouched for longer than the grace period, and which are themselves older than it: nothing a
 * live upload on any node is writing, or has just committed, is ever removed. Thread-safe.
 */
public final class OrphanSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);
    private static final String LEASE = "orphan-sweep";

    /** What a sweep removed. */
    public record Result(int partials, int unreferenced, int staleIntents) {
    }

    private final BlobStore blobs;
    private final AttachmentStore store;
    private final UploadIntents intents;
    private final Leases leases;
    private final String holder;
    private final Clock clock;
    private final Duration grace;

    /**
     * @param holder who runs the sweep, unique per process
     * @param grace  how long an upload may go without touching its intent before it counts as dead
     */
    public OrphanSweeper(BlobStore blobs, AttachmentStore store, UploadIntents intents, Leases leases, String holder,
                         Clock clock, Duration grace) {
        this.blobs = blobs;
        this.store = store;
        this.intents = intents;
        this.leases = leases;
        this.holder = holder;
        this.clock = clock;
        this.grace = grace;
    }

    /**
     * Sweeps if no other node holds the sweep's lease.
     *
     * @param every how often the caller sweeps; the lease lasts that long, so a dead sweeper's turn passes on
     * @return what was removed, or empty when another node sweeps
     */
    public Optional<Result> sweepIfLeader(Duration every) throws IOException {
        if (!leases.tryAcquire(LEASE, holder, every.plus(every))) {
            return Optional.empty();
        }
        return Optional.of(sweep());
    }

    /** Sweeps now, whoever else does; the rules make two sweeps at once harmless, only wasteful. */
    public Result sweep() throws IOException {
        Instant cutoff = clock.instant().minus(grace);
        List<String> partials = new ArrayList<>();
        blobs.forEachPartial(p -> {
            if (p.lastModified().isBefore(cutoff)) {
                partials.add(p.key());
            }
        });
        int removedPartials = 0;
        for (String key : partials) {
            if (!intents.isLive(key, cutoff)) {
                blobs.deletePartial(key);
                removedPartials++;
            }
        }
        List<String> committed = new ArrayList<>();
        blobs.forEach(b -> {
            if (b.lastModified().isBefore(cutoff)) {
                committed.add(b.key());
            }
        });
        int removed = 0;
        for (String key : committed) {
            if (isOrphan(key, cutoff)) {
                blobs.delete(key);
                removed++;
            }
        }
        int stale = intents.forgetStale(cutoff);
        if (removedPartials > 0 || removed > 0 || stale > 0) {
            LOG.info("swept {} abandoned partial uploads, {} unreferenced blobs and {} dead upload intents",
                    removedPartials, removed, stale);
        }
        return new Result(removedPartials, removed, stale);
    }

    private boolean isOrphan(String key, Instant cutoff) {
        // Intent first, then row: an upload's insert swaps one for the other in a single transaction, so
        // in this order one of the two reads sees it. The other order could miss both.
        return !intents.isLive(key, cutoff) && !store.isReferenced(key);
    }
}
