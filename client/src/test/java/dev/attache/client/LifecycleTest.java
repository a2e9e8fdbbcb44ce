package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client's threads cost, and that close() gives them back. The client runs on a thread of a
 * thread group of its own: a new thread joins the group of the thread that creates it, so every thread
 * the client starts (its workers, its timer, its HTTP client's threads and any they start) is in that
 * group, and no thread of the scripted server or of other tests in the same JVM is.
 */
class LifecycleTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        f.close();
    }

    @Test
    void closingClientsThatReadAndUploadedEndsEveryThreadTheyStartedThemselves() {
        ThreadGroup client = runInGroupOfItsOwn(this::useAndCloseTwentyClients);

        // No System.gc(): the threads must be gone because close() ended them.
        assertThat(liveThreadsOf(client)).noneMatch(t -> t.getName().startsWith("attache-client"));
    }

    @Test
    void onJava17To20ClosedClientsLeaveOnlyDaemonThreads() {
        assumeTrue(Runtime.version().feature() < 21, "Java 21 and later leave none (next test)");

        ThreadGroup client = runInGroupOfItsOwn(this::useAndCloseTwentyClients);

        // The JDK's HTTP client threads, which Java 17 to 20 cannot stop: they never hold the JVM open.
        assertThat(liveThreadsOf(client)).allMatch(Thread::isDaemon);
    }

    @Test
    void onJava21AndLaterClosedClientsLeaveNoThreadAlive() {
        assumeTrue(Runtime.version().feature() >= 21, "HttpClient can be closed from Java 21 on");

        ThreadGroup client = runInGroupOfItsOwn(this::useAndCloseTwentyClients);

        assertThat(liveThreadsOf(client)).isEmpty();
    }

    private void useAndCloseTwentyClients() {
        for (int i = 0; i < 40; i++) {
            f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        }
        for (int i = 0; i < 20; i++) {
            try (AttachmentsApi api = f.api()) {
                api.createAttachmentForObject(ParentGid.of("1"), Upload.bytes("a.txt", new byte[] {1})).join();
                api.getAttachment(gid).join();
            }
        }
    }

    @Test
    void aSuppliedExecutorRunsTheHttpClientsTasksForReadsAndUploadsAndOutlivesClose() throws Exception {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")), Actions.ok(Fixture.attachmentJson("7", "a")));
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicInteger tasks = new AtomicInteger();
        Executor mine = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try {
            try (AttachmentsApi api = f.builder().executor(mine).build()) {
                api.getAttachment(gid).join();
                int afterRead = tasks.get();
                api.createAttachmentForObject(ParentGid.of("1"), Upload.bytes("a.txt", new byte[] {1})).join();

                assertThat(afterRead).isPositive();
                assertThat(tasks.get()).isGreaterThan(afterRead);
            }

            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThousandSequentialCallsStartABoundedNumberOfThreads() {
        for (int i = 0; i < 1000; i++) {
            f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        }
        Set<Thread> seen = ConcurrentHashMap.newKeySet();

        runInGroupOfItsOwn(() -> {
            Thread caller = Thread.currentThread();
            try (AttachmentsApi api = f.api()) {
                for (int i = 0; i < 1000; i++) {
                    api.getAttachment(gid).join();
                    // Looked at after every call: a thread started per call is still finishing when its call completes.
                    liveThreadsOf(caller.getThreadGroup()).stream().filter(t -> t != caller).forEach(seen::add);
                }
            }
        });

        assertThat(seen).hasSizeLessThan(20);
    }

    @Test
    void closeCancelsCallsInFlight() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        f.server.enqueue(Actions.holdThen503(arrived, gate));
        AttachmentsApi api = f.api();
        CompletableFuture<Attachment> call = api.getAttachment(gid);
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        api.close();

        assertThat(call.isCancelled()).isTrue();
    }

    @Test
    void callsAfterCloseFailWithIllegalState() {
        AttachmentsApi api = f.api();
        api.close();

        assertThatThrownBy(() -> api.getAttachment(gid).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeLeavesASuppliedHttpClientWorking() throws Exception {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")), Actions.ok(Fixture.attachmentJson("7", "b")));
        HttpClient mine = HttpClient.newHttpClient();
        try (AttachmentsApi api = f.builder().httpClient(mine).build()) {
            api.getAttachment(gid).join();
        }

        int status = mine.send(HttpRequest.newBuilder(f.server.url("/api/1.0/attachments/7")).build(),
                BodyHandlers.discarding()).statusCode();

        assertThat(status).isEqualTo(200);
    }

    /**
     * Runs {@code body} on a thread in a new thread group and waits for it to end; the group then holds
     * whatever threads the body started and left alive.
     */
    private static ThreadGroup runInGroupOfItsOwn(Runnable body) {
        ThreadGroup group = new ThreadGroup("client-under-test");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread caller = new Thread(group, () -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "client-caller");
        caller.start();
        done.join();
        try {
            caller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return group;
    }

    private static List<Thread> liveThreadsOf(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n = group.enumerate(threads, true);
        return Arrays.stream(threads, 0, n).filter(Thread::isAlive).toList();
    }
}
