package dev.attache.storage.s3.cluster;

import static dev.attache.storage.s3.cluster.Outages.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.directory.Bootstrap;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Reply;
import dev.attache.storage.s3.testing.S3Mock;

/**
 * PostgreSQL stopped (fast shutdown) for a few seconds and started again on the same data directory and
 * port while clients upload and read without pause: every answer is a 200 or a 503 with {@code Retry-After} in
 * Asana's envelope (never a 500, never a 4xx for these valid requests), requests work again within
 * seconds of the database being back, and every upload acknowledged downloads whole afterwards.
 */
class DatabaseRestartedIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    private static final Duration RECOVERY = Duration.ofSeconds(10);
    /** How long a request waits for a database connection before it is refused (the cluster pool's setting). */
    private static final Duration POOL_WAIT = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void aDatabaseRestartMeans503sMeanwhileAndServiceAgainOnceItIsBack() throws Exception {
        try (RestartablePostgres pg = RestartablePostgres.start(dir.resolve("pg"));
             ClusterNode node = ClusterNode.start(dir.resolve("node"), pg.url(), S3.blobStoreUri("restart-" + UUID.randomUUID()),
                     S3.endpoint(), RateLimits.NONE)) {
            node.as(Bootstrap.readDevToken(node.dataDir()).orElseThrow());
            String task = node.createTask("restart");
            Outages.Acknowledged acknowledged = new Outages.Acknowledged();
            Queue<Reply> answers = new ConcurrentLinkedQueue<>();
            Queue<String> transportFailures = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> running = List.of(
                        clients.submit(() -> uploadUntil(stop, node, task, acknowledged, answers, transportFailures)),
                        clients.submit(() -> uploadUntil(stop, node, task, acknowledged, answers, transportFailures)),
                        clients.submit(() -> readUntil(stop, node, task, answers, transportFailures)));
                await(() -> acknowledged.size() >= 5, Duration.ofSeconds(60), "uploads before the restart");

                long stopping = System.nanoTime();
                pg.stop();
                long down = System.nanoTime();
                await(() -> answers.stream().anyMatch(r -> r.status() != 200), Duration.ofSeconds(30),
                        "a request refused while the database is down");
                long refused = System.nanoTime();
                // Down for longer than the pool waits for a connection, so requests are refused that way too,
                // not only those whose connection the shutdown cut.
                long heldDown = down + POOL_WAIT.plusSeconds(1).toNanos();
                await(() -> System.nanoTime() > heldDown, POOL_WAIT.plusSeconds(2), "the outage's end");
                pg.start();
                long back = System.nanoTime();
                int acknowledgedWhenBack = acknowledged.size();
                await(() -> acknowledged.size() > acknowledgedWhenBack, RECOVERY, "an upload stored after the database is back");
                Duration recovery = Duration.ofNanos(System.nanoTime() - back);
                await(() -> acknowledged.size() > acknowledgedWhenBack + 5, Duration.ofSeconds(60), "uploads after the restart");

                stop.set(true);
                for (Future<?> f : running) {
                    f.get();
                }
                System.out.printf("database restart: stop took %d ms, first refusal %d ms after, down %d ms; %d answers, %d acknowledged"
                                + " uploads, %d refused; first upload stored %d ms after the database was back%n",
                        millis(stopping, down), millis(down, refused), millis(down, back), answers.size(), acknowledged.size(),
                        answers.stream().filter(r -> r.status() != 200).count(), recovery.toMillis());
            } finally {
                stop.set(true);
                clients.shutdownNow();
            }

            assertThat(transportFailures).as("requests that got no answer").isEmpty();
            for (Reply r : answers) {
                if (r.status() != 200) {
                    assertUnavailable(r, "database");
                }
            }
            acknowledged.assertAllReadableFrom(node);
        }
    }

    private static void uploadUntil(AtomicBoolean stop, ClusterNode node, String task, Outages.Acknowledged acknowledged,
                                    Queue<Reply> answers, Queue<String> transportFailures) {
        while (!stop.get()) {
            byte[] content = new byte[4_000 + ThreadLocalRandom.current().nextInt(4_000)];
            ThreadLocalRandom.current().nextBytes(content);
            try {
                Reply r = node.upload(task, "f.bin", content);
                answers.add(r);
                if (r.status() == 200) {
                    acknowledged.add(r, content);
                }
            } catch (UncheckedIOException e) {
                transportFailures.add("upload: " + e.getCause());
            }
        }
    }

    private static void readUntil(AtomicBoolean stop, ClusterNode node, String task, Queue<Reply> answers,
                                  Queue<String> transportFailures) {
        String[] paths = {"/users/me", "/attachments?parent=" + task + "&limit=5", "/tasks/" + task};
        for (int i = 0; !stop.get(); i++) {
            try {
                answers.add(node.get(paths[i % paths.length]));
            } catch (UncheckedIOException e) {
                transportFailures.add("read: " + e.getCause());
            }
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }

    private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, within).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
