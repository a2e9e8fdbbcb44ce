package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.Recorded;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");
    private final ParentGid task = ParentGid.of("42");

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void rateLimitedRequestWaitsForRetryAfterThenSucceeds() {
        f.server.enqueue(Actions.rateLimited("30"), Actions.ok(Fixture.attachmentJson("7", "a")));

        Attachment a = f.api().getAttachment(gid).join();

        assertThat(a.gid()).isEqualTo(gid);
        assertThat(f.sleeper.delays()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitWithoutRetryAfterWaitsForTheJitteredBackoff() {
        f.server.enqueue(Actions.rateLimited(null), Actions.ok(Fixture.attachmentJson("7", "a")));

        f.api().getAttachment(gid).join();

        // initial backoff 1 s, jitter 0.5 picks three quarters of it
        assertThat(f.sleeper.delays()).containsExactly(Duration.ofMillis(750));
    }

    @Test
    void rateLimitedUploadIsRetriedBecauseTheServerDidNothing() {
        f.server.enqueue(Actions.rateLimited("2"), Actions.ok(Fixture.attachmentJson("7", "a")));

        f.api().createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();

        assertThat(f.server.requests()).hasSize(2);
    }

    @Test
    void serviceUnavailableGetIsRetriedWithGrowingBackoff() {
        f.server.enqueue(Actions.error(503, "down"), Actions.error(502, "down"),
                Actions.ok(Fixture.attachmentJson("7", "a")));

        f.api().getAttachment(gid).join();

        assertThat(f.sleeper.delays()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void serverErrorOnUploadIsNotRetriedBecauseItMayHaveBeenProcessed() {
        f.server.enqueue(Actions.error(500, "boom"), Actions.ok(Fixture.attachmentJson("7", "a")));

        assertThatThrownBy(() -> f.api().createAttachmentForObject(task, Upload.bytes("a", new byte[] {1})).join())
                .hasCauseInstanceOf(ServerErrorException.class);
        assertThat(f.server.requests()).hasSize(1);
    }

    @Test
    void retriesStopAfterMaxAttemptsWithTheLastError() {
        f.server.enqueue(Actions.error(503, "a"), Actions.error(503, "b"), Actions.error(503, "c"),
                Actions.error(503, "d"), Actions.ok(Fixture.attachmentJson("7", "a")));

        assertThatThrownBy(() -> f.api().getAttachment(gid).join())
                .cause().isInstanceOf(ServerErrorException.class).hasMessageEndingWith(": d");
        assertThat(f.server.requests()).hasSize(4);
    }

    @Test
    void retryAfterBeyondTheTimeBudgetFailsAtOnce() {
        f.server.enqueue(Actions.rateLimited("3600"), Actions.ok(Fixture.attachmentJson("7", "a")));

        assertThatThrownBy(() -> f.api().getAttachment(gid).join())
                .cause().isInstanceOf(RateLimitedException.class);
        assertThat(f.sleeper.delays()).isEmpty();
    }

    @Test
    void retryAfterBeyondTheDeadlineFailsAtOnceWithTheRateLimit() {
        f.server.enqueue(Actions.rateLimited("60"), Actions.ok(Fixture.attachmentJson("7", "a")));

        assertThatThrownBy(() -> f.api().withDeadline(Duration.ofSeconds(3)).getAttachment(gid).join())
                .cause().isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        assertThat(f.sleeper.delays()).isEmpty();
        assertThat(f.server.requests()).hasSize(1);
    }

    @Test
    void retryAfterWithinTheDeadlineIsWaitedFor() {
        f.server.enqueue(Actions.rateLimited("2"), Actions.ok(Fixture.attachmentJson("7", "a")));

        f.api().withDeadline(Duration.ofSeconds(30)).getAttachment(gid).join();

        assertThat(f.sleeper.delays()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void listenerHearsOfTheRateLimitWaitBeforeTheSleepStarts() {
        f.server.enqueue(Actions.rateLimited("60"), Actions.ok(Fixture.attachmentJson("7", "a")));
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        AttachmentsApi api = f.builder()
                .listener(new CallListener() {
                    @Override
                    public void retry(CallInfo call, int nextAttempt, Duration delay) {
                        events.add("retry " + nextAttempt + " after " + delay);
                    }
                })
                .sleeper(delay -> {
                    events.add("sleep " + delay);
                    return f.sleeper.sleep(delay);
                })
                .build();
        try (api) {
            api.getAttachment(gid).join();
        }

        assertThat(events).containsExactly("retry 2 after PT1M", "sleep PT1M");
    }

    @Test
    void notFoundIsNotRetried() {
        f.server.enqueue(Actions.error(404, "attachment: Not a recognized ID: 7"));

        assertThatThrownBy(() -> f.api().getAttachment(gid).join()).hasCauseInstanceOf(NotFoundException.class);
        assertThat(f.server.requests()).hasSize(1);
    }

    @Test
    void uploadResetBeforeTheBodyIsResentAndArrivesByteForByteIdentical() {
        byte[] data = new byte[200_000];
        new java.util.Random(1).nextBytes(data);
        f.server.enqueue(Actions.resetBeforeBody(), Actions.ok(Fixture.attachmentJson("7", "a")));
        // With Expect: 100-continue the client holds the body until the server asks, so the reset
        // provably comes before any body byte.
        AttachmentsApi api = f.builder().expectContinue(true).build();

        api.createAttachmentForObject(task, Upload.bytes("r.bin", data)).join();

        List<Recorded> requests = f.server.requests();
        assertThat(requests).hasSize(2);
        String body = requests.get(1).bodyText();
        int start = indexOf(requests.get(1).body(), "\r\n\r\n".getBytes(), body.indexOf("name=\"file\""));
        byte[] received = java.util.Arrays.copyOfRange(requests.get(1).body(), start + 4, start + 4 + data.length);
        assertThat(received).isEqualTo(data);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void uploadResetAfterTheBodyIsNotResent() {
        f.server.enqueue(Actions.resetAfterBody(), Actions.ok(Fixture.attachmentJson("7", "a")));

        assertThatThrownBy(() -> f.api().createAttachmentForObject(task, Upload.bytes("a", new byte[1000])).join())
                .hasCauseInstanceOf(AsanaTransportException.class);
        assertThat(f.server.requests()).hasSize(1);
    }

    @Test
    void oneShotUploadIsNotRetriedEvenWhenResetBeforeTheBody() {
        f.server.enqueue(Actions.resetBeforeBody(), Actions.ok(Fixture.attachmentJson("7", "a")));
        Upload once = Upload.oneShot("s.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        AttachmentsApi api = f.builder().expectContinue(true).build();

        assertThatThrownBy(() -> api.createAttachmentForObject(task, once).join())
                .hasCauseInstanceOf(AsanaTransportException.class);
        assertThat(f.server.requests()).hasSize(1);
    }

    @Test
    void getResetAfterTheRequestIsRetried() {
        f.server.enqueue(Actions.resetAfterBody(), Actions.ok(Fixture.attachmentJson("7", "a")));

        Attachment a = f.api().getAttachment(gid).join();

        assertThat(a.name()).isEqualTo("a");
    }

    @Test
    void refusedConnectionFailsWithTransportExceptionCausedByTheIoError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AttachmentsApi api = f.builder().baseUri(URI.create("http://127.0.0.1:" + port + "/api/1.0"))
                .retry(RetryPolicy.none()).build();

        assertThatThrownBy(() -> api.getAttachment(gid).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(AsanaTransportException.class)
                .hasMessageStartingWith("GET /attachments/7 -> ")
                .cause().isInstanceOf(java.io.IOException.class);
    }
}
