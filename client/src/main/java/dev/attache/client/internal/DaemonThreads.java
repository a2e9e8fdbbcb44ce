package dev.attache.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the client's daemon threads and remembers them, so {@code close()} can wait until each has
 * ended. An executor's {@code awaitTermination} returns when its last task has finished, while the
 * thread that ran it may still be on its way out; only {@link Thread#join} says it is gone.
 */
final class DaemonThreads {

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * A factory of daemon threads named {@code name-1}, {@code name-2}, ..., each remembered here.
     *
     * @param name the threads' common name, as thread dumps show it
     * @return the factory
     */
    ThreadFactory named(String name) {
        AtomicInteger made = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + made.incrementAndGet());
            t.setDaemon(true);
            // Idle workers end after a minute and new ones replace them: forget the ended ones as we go.
            threads.removeIf(old -> !old.isAlive());
            threads.add(t);
            return t;
        };
    }

    /**
     * Waits until every thread made here, except the caller, has ended, or the deadline passes.
     *
     * @param deadline a {@link System#nanoTime()} instant
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void awaitEnded(long deadline) throws InterruptedException {
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue; // close() called from a callback on one of these threads: it ends after returning.
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
    }
}
