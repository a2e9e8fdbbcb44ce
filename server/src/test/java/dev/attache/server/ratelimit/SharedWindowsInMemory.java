package dev.attache.server.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared windows in a map, with the database's rule, that can be made to fail like a database that
 * cannot be reached, and that records every batch it took. Thread-safe.
 */
final class SharedWindowsInMemory implements SharedWindows {

    private final Map<Long, MinuteWindows.Window> windows = new HashMap<>();
    private final List<Integer> batches = new ArrayList<>();
    private boolean down;
    private Runnable duringAdd = () -> { };

    @Override
    public MinuteWindows.Window add(long tokenGid, long windowStartMillis, int requests) {
        Runnable during;
        synchronized (this) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            during = duringAdd;
        }
        during.run();
        synchronized (this) {
            batches.add(requests);
            return windows.merge(tokenGid, new MinuteWindows.Window(windowStartMillis, requests),
                    (w, batch) -> batch.startMillis() - w.startMillis() >= MinuteWindows.WINDOW_MILLIS
                            ? batch : new MinuteWindows.Window(w.startMillis(), w.requests() + requests));
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

    /** The size of every batch this node sent, in order. */
    synchronized List<Integer> batches() {
        return List.copyOf(batches);
    }

    synchronized int requests(long tokenGid) {
        MinuteWindows.Window w = windows.get(tokenGid);
        return w == null ? 0 : w.requests();
    }
}
