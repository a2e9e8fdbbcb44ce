package dev.attache.server.ratelimit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** A sender that runs what it was given only when a test says so. */
final class ManualSender implements Executor {

    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    synchronized int queued() {
        return tasks.size();
    }

    /** Runs every queued task, and those they queue. */
    void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
