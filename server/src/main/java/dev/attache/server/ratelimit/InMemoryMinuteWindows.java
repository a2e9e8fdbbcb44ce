package dev.attache.server.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Windows in this node's memory: the embedded default, where one node sees every request. */
public final class InMemoryMinuteWindows implements MinuteWindows {

    private final ConcurrentMap<Long, Window> windows = new ConcurrentHashMap<>();

    @Override
    public Window count(long tokenGid, long nowMillis) {
        return windows.compute(tokenGid, (k, w) -> w == null ? new Window(nowMillis, 1) : w.next(nowMillis));
    }
}
