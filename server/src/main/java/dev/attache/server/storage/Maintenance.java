package dev.attache.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile's periodic jobs on one daemon thread. A job that throws is logged and runs again at its
 * next turn: a database that is down for a minute must not end the node's maintenance for good.
 * Thread-safe.
 */
final class Maintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    /** One periodic job; it receives the callback for a lost node id. */
    record Job(String name, Duration every, Consumer<Runnable> work) {
    }

    private final List<Job> jobs;
    private ScheduledExecutorService scheduler;

    Maintenance(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    /** No jobs: the embedded profile. */
    static Maintenance none() {
        return new Maintenance(new ArrayList<>());
    }

    synchronized void start(Runnable onNodeIdLost) {
        if (scheduler != null || jobs.isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attache-maintenance");
            t.setDaemon(true);
            return t;
        });
        for (Job job : jobs) {
            long millis = job.every().toMillis();
            scheduler.scheduleWithFixedDelay(() -> run(job, onNodeIdLost), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void run(Job job, Runnable onNodeIdLost) {
        try {
            job.work().accept(onNodeIdLost);
        } catch (RuntimeException e) {
            LOG.warn("maintenance job '{}' failed; it runs again in {}", job.name(), job.every(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
