package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's windows without a database write per request: each node counts in its own memory and
 * sends its counts to the {@link SharedWindows} in batches ({@link Batching}), from a thread of its own,
 * learning every other node's count in the answer. Each send carries every token whose counts are due
 * then, in one call: one database commit per send, not per token, so a node with many busy tokens
 * writes no more often than one with a single token. A request is held to the quota against the shared
 * count as last heard plus what this node counted since, so the cluster as a whole can admit a few
 * requests more than the quota: those the other nodes admitted and had not sent yet (docs/api.md §7).
 *
 * <p>A request never waits for the shared windows and never fails because of them: while they cannot be
 * reached the node counts alone and holds each token to the quota by what it knows, and sends what it
 * counted once they answer again. Counts of a window that closed before they could be sent are dropped,
 * since no later decision depends on them. A token's state is forgotten at the timer's first turn after its
 * window closes, so memory holds only the tokens used within the last minute. Thread-safe.
 */
public final class BatchedMinuteWindows implements MinuteWindows, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedMinuteWindows.class);

    private final SharedWindows shared;
    private final Clock clock;
    private final Batching batching;
    private final Executor sender;
    private final Runnable onClose;
    /**
     * A plain map, not a cache: every request changes its token's tally, and a cache's bookkeeping on each
     * write (its write buffer, expiry and maintenance) cost a busy node more than the counting itself. The
     * timer, which visits every tally anyway, drops those whose window closed.
     */
    private final ConcurrentMap<Long, Tally> tallies = new ConcurrentHashMap<>();
    /** Tokens whose counts are due before the timer's next turn. */
    private final Set<Long> due = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Whether the last send failed; only the sender writes it. While set, only the timer tries again. */
    private volatile boolean failing;

    /**
     * Counts over shared windows, sending on the timer and when a batch is due from a thread of its own,
     * until closed.
     */
    public static BatchedMinuteWindows start(SharedWindows shared, Clock clock, Batching batching) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attache-rate-windows");
            t.setDaemon(true);
            return t;
        });
        BatchedMinuteWindows windows = new BatchedMinuteWindows(shared, clock, batching, thread, () -> stop(thread));
        long every = batching.every().toMillis();
        thread.scheduleWithFixedDelay(windows::sendAll, every, every, TimeUnit.MILLISECONDS);
        return windows;
    }

    /**
     * Counts over shared windows; due batches are sent on {@code sender}, which must run one task at a
     * time; the timer is the caller's, by calling {@link #sendAll()}; {@code onClose} stops the sender
     * after the last try has been handed to it.
     */
    BatchedMinuteWindows(SharedWindows shared, Clock clock, Batching batching, Executor sender, Runnable onClose) {
        this.shared = shared;
        this.clock = clock;
        this.batching = batching;
        this.sender = sender;
        this.onClose = onClose;
    }

    @Override
    public Window count(long tokenGid, long nowMillis, int quota) {
        boolean[] nowDue = {false};
        Tally tally = tallies.compute(tokenGid, (key, known) -> {
            if (known == null || known.closedAt(nowMillis)) {
                nowDue[0] = true;
                return Tally.opened(nowMillis, quota);
            }
            Tally next = known.counted(quota);
            nowDue[0] = batching.isDue(next);
            return nowDue[0] && !batching.isDue(known) ? next.dueSince(nowMillis) : next;
        });
        if (nowDue[0]) {
            due.add(tokenGid);
            wake();
        }
        if (batching.mustWait(tally) && !failing) {
            tally = afterAnswers(tokenGid, tally, nowMillis);
        }
        return new Window(tally.startMillis(), tally.requests());
    }

    /** The timer's turn: forgets the tokens whose window closed and sends every other's pending counts. Runs on the sender. */
    void sendAll() {
        try {
            long now = clock.millis();
            // Removes a tally only if it is still the closed one: a request may have just opened a new window.
            tallies.values().removeIf(tally -> tally.closedAt(now));
            send(List.copyOf(tallies.keySet()));
        } catch (RuntimeException e) {
            LOG.warn("sending rate-limit counts failed unexpectedly; the next turn sends them", e);
        }
    }

    /**
     * Sends the tokens whose batches are due, all together; those that fall due while a send is under
     * way go together in the next. Runs on the sender.
     */
    void sendDue() {
        wakeQueued.set(false);
        try {
            while (!due.isEmpty()) {
                List<Long> tokens = new ArrayList<>();
                for (Iterator<Long> it = due.iterator(); it.hasNext(); ) {
                    tokens.add(it.next());
                    it.remove();
                }
                if (!send(tokens)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("sending rate-limit counts failed unexpectedly; the next turn sends them", e);
        }
    }

    /** How many tokens this node holds a tally for. */
    int trackedTokens() {
        return tallies.size();
    }

    /** Stops sending; counts not sent yet are given one last try, for at most a second. */
    @Override
    public void close() {
        try {
            sender.execute(this::sendAll);
        } catch (RejectedExecutionException closedBefore) {
            // Nothing to send it with.
        }
        onClose.run();
    }

    /**
     * The token's tally once this request's batch is no longer full: answers come until it is, or until
     * {@code maxWait} is up, counted from the request's arrival and from when the batch became due.
     */
    private Tally afterAnswers(long tokenGid, Tally waiting, long arrivedMillis) {
        long maxWait = batching.maxWait().toMillis();
        Tally tally = waiting;
        while (batching.mustWait(tally) && !failing) {
            long left = Math.min(arrivedMillis, tally.dueMillis()) + maxWait - clock.millis();
            if (left <= 0) {
                return tally;
            }
            try {
                tally.nextAnswer().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException slowOrFailed) {
                // Admitted on what this node knows; the sender goes on trying.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return tally;
            }
            Tally now = tallies.get(tokenGid);
            if (now == null || now == tally) {
                return tally;
            }
            tally = now;
        }
        return tally;
    }

    private void wake() {
        if (failing || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.execute(this::sendDue);
        } catch (RejectedExecutionException closed) {
            // Closing: the last try sends what is pending.
        }
    }

    /**
     * Sends these tokens' pending counts in one call and takes in their shared counts. A failed call
     * added none of them (the shared windows are atomic per call), so all of them go back to pending,
     * to be sent again.
     *
     * @return false when the shared windows failed, so the rest had better wait for the timer
     */
    private boolean send(List<Long> tokens) {
        long now = clock.millis();
        Map<Long, Tally> sent = new HashMap<>();
        for (Long token : tokens) {
            Tally taken = take(token, now);
            if (taken != null) {
                sent.put(token, taken);
            }
        }
        if (sent.isEmpty()) {
            return true;
        }
        List<SharedWindows.Counts> counts = new ArrayList<>(sent.size());
        sent.forEach((token, tally) -> counts.add(new SharedWindows.Counts(token, tally.startMillis(), tally.sending())));
        Map<Long, Window> windows;
        try {
            windows = shared.addAll(counts);
        } catch (RuntimeException e) {
            sent.forEach((token, tally) -> {
                tallies.computeIfPresent(token, (key, current) -> sameWindow(current, tally) ? current.unsent(clock.millis()) : current);
                answered(tally);
            });
            if (!failing) {
                failing = true;
                LOG.warn("could not send rate-limit counts to the database; this node holds tokens to their quota "
                        + "by its own counts until it answers", e);
            }
            return false;
        }
        if (failing) {
            failing = false;
            LOG.info("rate-limit counts reach the database again");
        }
        sent.forEach((token, tally) -> {
            Window window = windows.get(token);
            Tally after = tallies.computeIfPresent(token,
                    (key, current) -> sameWindow(current, tally) ? current.heardBack(window, clock.millis()) : current);
            answered(tally);
            if (after != null && batching.isDue(after)) {
                due.add(token);
                wake();
            }
        });
        return true;
    }

    /** A token's pending counts, now marked as under way; null when it has none to send. */
    private Tally take(long tokenGid, long now) {
        Tally[] taken = {null};
        tallies.computeIfPresent(tokenGid, (key, tally) -> {
            if (tally.pending() == 0 || tally.sending() > 0 || tally.closedAt(now)) {
                return tally;
            }
            taken[0] = tally.sent(now);
            return taken[0];
        });
        return taken[0];
    }

    /** Lets requests waiting for a send go on, whatever became of it. */
    private static void answered(Tally sent) {
        sent.nextAnswer().complete(null);
    }

    /** Whether a tally is still in the window a send was made for (a window that closed meanwhile is not). */
    private static boolean sameWindow(Tally now, Tally sent) {
        return now.startMillis() == sent.startMillis() && now.sending() == sent.sending();
    }

    private static void stop(ScheduledExecutorService thread) {
        try {
            thread.shutdown();
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
