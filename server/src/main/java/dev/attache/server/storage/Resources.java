package dev.attache.server.storage;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an opened storage holds, closed in the reverse order of opening. Not thread-safe. */
final class Resources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private final Deque<AutoCloseable> held = new ArrayDeque<>();

    /** Holds a resource until {@link #close()}; returns it. */
    <T extends AutoCloseable> T hold(T resource) {
        held.push(resource);
        return resource;
    }

    /** Holds whatever of an object can be closed. */
    void holdIfCloseable(Object maybe) {
        if (maybe instanceof AutoCloseable closeable) {
            held.push(closeable);
        }
    }

    @Override
    public void close() {
        while (!held.isEmpty()) {
            try {
                held.pop().close();
            } catch (Exception e) {
                LOG.warn("could not close {} cleanly", e.getMessage(), e);
            }
        }
    }
}
