package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client's threads cost, and that close() gives them back. */
class LifecycleTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        f.close();
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @Test
    void closingClientsThatReadAndUploadedEndsEveryThreadTheyStartedThemselves() {
        Set<Thread> before = liveThreads();

        useAndCloseTwentyClients();

        // No System.gc(): the threads must be gone because close() ended them.
        assertThat(clientThreadsStartedSince(before)).noneMatch(t -> t.getName().startsWith("attache-client"));
    }

    @Test
    void onJava17To20ClosedClientsLeaveOnlyDaemonThreads() {
        assumeTrue(Runtime.version().feature() < 21, "Java 21 and later leave none (next test)");
        Set<Thread> before = liveThreads();

        useAndCloseTwentyClients();

        // The JDK's HTTP client threads, which Java 17 to 20 cannot stop: they never hold the JVM open.
        assertThat(clientThreadsStartedSince(before)).allMatch(Thread::isDaemon);
    }

    @Test
    void onJava21AndLaterClosedClientsLeaveNoThreadAlive() {
        assumeTrue(Runtime.version().feature() >= 21, "HttpClient can be closed from Java 21 on");
        Set<Thread> before = liveThreads();

        useAndCloseTwentyClients();

        assertThat(clientThreadsStartedSince(before)).isEmpty();
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

    /** The scripted server's own per-connection threads are not the client's. */
    private static Set<Thread> clientThreadsStartedSince(Set<Thread> before) {
        return liveThreads().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().equals("scripted-server"))
                .collect(Collectors.toSet());
    }

    @Test
    void aThousandSequentialCallsStartABoundedNumberOfThreads() {
        for (int i = 0; i < 1000; i++) {
            f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (AttachmentsApi api = f.api()) {
            long started = threads.getTotalStartedThreadCount();

            for (int i = 0; i < 1000; i++) {
                api.getAttachment(gid).join();
            }

            assertThat(threads.getTotalStartedThreadCount() - started).isLessThan(20);
        }
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
}
