package dev.attache.client.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous counting semaphore: {@link #acquire()} completes when fewer than the limit are
 * in flight, in arrival order, and never blocks a thread. Cancelling a ticket that has not yet
 * got a permit takes it out of the line. Thread-safe.
 */
public final class InFlightLimiter {

    private final int limit;
    private final Queue<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * Creates a limiter.
     *
     * @param limit the most permits out at once, at least 1
     */
    public InFlightLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** Returned by {@link #acquire()}; release exactly once when the request is over. */
    public interface Permit {
        /** Gives the slot to the next waiter. Further calls do nothing. */
        void release();
    }

    /**
     * Takes a slot, now or when one frees up.
     *
     * @return completes with the permit
     */
    public CompletableFuture<Permit> acquire() {
        CompletableFuture<Permit> ticket = new CompletableFuture<>();
        synchronized (this) {
            if (inFlight < limit) {
                inFlight++;
            } else {
                waiting.add(ticket);
                // A waiter that gives up leaves the line at once instead of when its turn comes.
                ticket.whenComplete((p, t) -> {
                    if (ticket.isCancelled()) {
                        synchronized (this) {
                            waiting.remove(ticket);
                        }
                    }
                });
                return ticket;
            }
        }
        ticket.complete(newPermit());
        return ticket;
    }

    /**
     * Requests in flight now.
     *
     * @return the count
     */
    public synchronized int inFlight() {
        return inFlight;
    }

    private Permit newPermit() {
        boolean[] released = {false};
        return () -> {
            synchronized (released) {
                if (released[0]) {
                    return;
                }
                released[0] = true;
            }
            handOver();
        };
    }

    private void handOver() {
        CompletableFuture<Permit> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        // Completed outside the lock: the waiter's continuation runs on this thread.
        if (!next.complete(newPermit())) {
            handOver();
        }
    }
}
