package dev.attache.server.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared windows in a map, with the database's rule, that can be made to fail like a database that
 * cannot be reached, and that records every batch it took and every call that brought them. Thread-safe.
 */
final class SharedWindowsInMemory implements SharedWindows {

    private final Map<Long, MinuteWindows.Window> windows = new HashMap<>();
    private final List<Integer> batches = new ArrayList<>();
    private final List<Integer> calls = new ArrayList<>();
    private boolean down;
    private Runnable duringAdd = () -> { };

    @Override
    public Map<Long, MinuteWindows.Window> addAll(List<Counts> counts) {
        Runnable during;
        synchronized (this) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            during = duringAdd;
        }
        during.run();
        synchronized (this) {
            calls.add(counts.size());
            Map<Long, MinuteWindows.Window> answer = new HashMap<>();
            for (Counts c : counts) {
                batches.add(c.requests());
                answer.put(c.tokenGid(), windows.merge(c.tokenGid(), new MinuteWindows.Window(c.windowStartMillis(), c.requests()),
                        (w, batch) -> batch.startMillis() - w.startMillis() >= MinuteWindows.WINDOW_MILLIS
                                ? batch : new MinuteWindows.Window(w.startMillis(), w.requests() + batch.requests())));
            }
            return answer;
        }
    }

    /** What other nodes sent: a batch that reaches the shared window without going through this node. */
    synchronized void addFromAnotherNode(long tokenGid, long windowStartMillis, int requests) {
        windows.merge(tokenGid, new MinuteWindows.Window(windowStartMillis, requests),
                (w, batch) -> new MinuteWindows.Window(w.startMillis(), w.requests() + requests));
    }

    synchronized void down(boolean isDown) {
        down = isDown;
    }

    /** Runs {@code action} inside each following add, before the batch is taken. */
    synchronized void whileAdding(Runnable action) {
        duringAdd = action;
    }

    /** How many tokens' counts each call carried, in order. */
    synchronized List<Integer> calls() {
        return List.copyOf(calls);
    }

    /** The size of every batch this node sent, in order (a call's in the order it listed them). */
    synchronized List<Integer> batches() {
        return List.copyOf(batches);
    }

    synchronized int requests(long tokenGid) {
        MinuteWindows.Window w = windows.get(tokenGid);
        return w == null ? 0 : w.requests();
    }
}
