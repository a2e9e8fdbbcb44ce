package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.ScriptedServer;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    private final Fixture f = new Fixture();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ParentGid task = ParentGid.of("42");

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        f.close();
    }

    /** Records the request head, signals {@code arrived}, and answers only after {@link #release}. */
    private ScriptedServer.Action stallAfterHead(CountDownLatch arrived) {
        return ex -> {
            ex.recordHeadOnly();
            arrived.countDown();
            release.await(30, TimeUnit.SECONDS);
            ex.reset();
        };
    }

    /** Reads the whole body, signals {@code arrived}, and answers only after {@link #release}. */
    private ScriptedServer.Action stallAfterBody(CountDownLatch arrived) {
        return ex -> {
            ex.readBody();
            arrived.countDown();
            release.await(30, TimeUnit.SECONDS);
            ex.reset();
        };
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS)).as("server saw the request").isTrue();
    }

    @Test
    void stalledUploadFailsOnceTheIdleTimeoutPasses() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        f.server.enqueue(stallAfterBody(arrived));
        AttachmentsApi api = f.builder().idleTimeout(Duration.ofSeconds(1)).retry(RetryPolicy.none()).build();

        CompletableFuture<Attachment> upload = api.createAttachmentForObject(task, Upload.bytes("a", new byte[10]));
        await(arrived);
        f.clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(upload::join).cause().isInstanceOf(AsanaTransportException.class)
                .hasMessageContaining("no progress")
                .cause().isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void getFailsWithTimeoutWhenNoResponseArrivesInTime() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        f.server.enqueue(stallAfterHead(arrived));
        AttachmentsApi api = f.builder().responseTimeout(Duration.ofMillis(1)).retry(RetryPolicy.none()).build();

        assertThatThrownBy(() -> api.getAttachment(AttachmentGid.of("7")).join())
                .cause().isInstanceOf(AsanaTransportException.class)
                .cause().isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void uploadIsNotCutOffByTheResponseTimeout() throws Exception {
        CountDownLatch uploadArrived = new CountDownLatch(1);
        CountDownLatch getTimedOut = new CountDownLatch(1);
        f.server.enqueue(ex -> {
            ex.readBody();
            uploadArrived.countDown();
            getTimedOut.await(30, TimeUnit.SECONDS);
            ex.respond(200, java.util.Map.of(), ("{\"data\":" + Fixture.attachmentJson("7", "a") + "}").getBytes());
        });
        AttachmentsApi api = f.builder().responseTimeout(Duration.ofMillis(1)).retry(RetryPolicy.none()).build();
        CompletableFuture<Attachment> upload = api.createAttachmentForObject(task, Upload.bytes("a", new byte[10]));
        await(uploadArrived);
        CountDownLatch getArrived = new CountDownLatch(1);
        f.server.enqueue(stallAfterHead(getArrived));

        // A GET started after the upload times out, so the upload has outlived the response timeout.
        assertThatThrownBy(() -> api.getAttachment(AttachmentGid.of("7")).join())
                .cause().isInstanceOf(AsanaTransportException.class);
        getTimedOut.countDown();

        assertThat(upload.join().name()).isEqualTo("a");
    }
}
