package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.internal.InFlightLimiter;
import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimiterTest {

    private final Fixture f = new Fixture();

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void acquireBeyondTheLimitWaitsUntilAPermitIsReleased() {
        InFlightLimiter limiter = new InFlightLimiter(2);
        InFlightLimiter.Permit first = limiter.acquire().join();
        limiter.acquire().join();

        CompletableFuture<InFlightLimiter.Permit> third = limiter.acquire();
        assertThat(third).isNotDone();

        first.release();
        assertThat(third).isDone();
        assertThat(limiter.inFlight()).isEqualTo(2);
    }

    @Test
    void releasingTwiceFreesOnlyOneSlot() {
        InFlightLimiter limiter = new InFlightLimiter(1);
        InFlightLimiter.Permit permit = limiter.acquire().join();

        permit.release();
        permit.release();

        assertThat(limiter.inFlight()).isZero();
        limiter.acquire().join();
        assertThat(limiter.acquire()).isNotDone();
    }

    @Test
    void clientKeepsReadsInFlightAtTheConfiguredCap() {
        // The first two requests hold until both have arrived; with a cap of 2 the others queue.
        CountDownLatch bothArrived = new CountDownLatch(2);
        f.server.enqueue(Actions.okAfter(bothArrived, Fixture.attachmentJson("1", "a")),
                Actions.okAfter(bothArrived, Fixture.attachmentJson("1", "a")));
        for (int i = 0; i < 4; i++) {
            f.server.enqueue(Actions.ok(Fixture.attachmentJson("1", "a")));
        }
        AttachmentsApi api = f.builder().limits(new ConcurrencyLimits(2, 1)).build();

        List<CompletableFuture<Attachment>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(api.getAttachment(AttachmentGid.of("1")));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        assertThat(f.server.maxInFlight()).isEqualTo(2);
    }
}
