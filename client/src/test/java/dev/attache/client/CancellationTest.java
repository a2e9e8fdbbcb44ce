package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancelling, timing out or running past a deadline ends a call: no exchange, no retry, no held slot. */
class CancellationTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        f.close();
    }

    @Test
    void cancelledCallsFreeTheirSlotsAtOnceAndAreNeverRetried() throws Exception {
        CountDownLatch arrived = new CountDownLatch(2);
        f.server.enqueue(Actions.holdThen503(arrived, gate), Actions.holdThen503(arrived, gate),
                Actions.ok(Fixture.attachmentJson("7", "third")));
        try (AttachmentsApi api = f.builder().limits(new ConcurrencyLimits(2, 2)).build()) {
            CompletableFuture<Attachment> first = api.getAttachment(gid);
            CompletableFuture<Attachment> second = api.getAttachment(gid);
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            first.cancel(true);
            second.cancel(true);
            Attachment third = api.getAttachment(gid).get(10, TimeUnit.SECONDS);

            assertThat(third.name()).isEqualTo("third");
            assertThat(first.isCancelled()).isTrue();
            assertThat(second.isCancelled()).isTrue();
        }
        gate.countDown();
        f.server.close();
        assertThat(f.server.requests()).hasSize(3);
        assertThat(f.sleeper.delays()).isEmpty();
    }

    @Test
    void cancelDuringBackoffCancelsTheWaitAndSendsNothingMore() throws Exception {
        f.server.enqueue(Actions.error(503, "busy"), Actions.ok(Fixture.attachmentJson("7", "a")));
        CompletableFuture<Void> wait = new CompletableFuture<>();
        CompletableFuture<Duration> asked = new CompletableFuture<>();
        try (AttachmentsApi api = f.builder().sleeper(delay -> {
            asked.complete(delay);
            return wait;
        }).build()) {
            CompletableFuture<Attachment> call = api.getAttachment(gid);
            asked.get(10, TimeUnit.SECONDS);

            call.cancel(true);

            // The retry loop may be just handing over to the wait; it cancels it as soon as it does.
            wait.handle((v, e) -> null).get(10, TimeUnit.SECONDS);
            assertThat(wait.isCancelled()).isTrue();
        }
        assertThat(f.server.requests()).hasSize(1);
    }

    @Test
    void orTimeoutOnTheReturnedFutureAbortsTheCallAndFreesItsSlot() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        f.server.enqueue(Actions.holdThen503(arrived, gate), Actions.ok(Fixture.attachmentJson("7", "next")));
        try (AttachmentsApi api = f.builder().limits(new ConcurrencyLimits(1, 1)).build()) {
            CompletableFuture<Attachment> slow = api.getAttachment(gid).orTimeout(200, TimeUnit.MILLISECONDS);

            assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
            assertThat(api.getAttachment(gid).get(10, TimeUnit.SECONDS).name()).isEqualTo("next");
        }
        assertThat(f.server.requests()).hasSize(2);
    }

    @Test
    void callPastItsDeadlineFailsWithATimeoutAndFreesItsSlot() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        f.server.enqueue(Actions.holdThen503(arrived, gate), Actions.ok(Fixture.attachmentJson("7", "next")));
        try (AttachmentsApi api = f.builder().limits(new ConcurrencyLimits(1, 1)).build()) {
            CompletableFuture<Attachment> slow = api.withDeadline(Duration.ofMillis(200)).getAttachment(gid);

            assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AsanaTransportException.class)
                    .hasMessageContaining("GET /attachments/7")
                    .cause().isInstanceOf(HttpTimeoutException.class);
            assertThat(api.getAttachment(gid).get(10, TimeUnit.SECONDS).name()).isEqualTo("next");
        }
        assertThat(f.server.requests()).hasSize(2);
    }

    @Test
    void deadlineMustBePositive() {
        try (AttachmentsApi api = f.api()) {
            assertThatThrownBy(() -> api.withDeadline(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
