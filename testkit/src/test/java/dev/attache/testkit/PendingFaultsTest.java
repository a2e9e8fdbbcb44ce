package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What {@link Faults#pending()} reports: each fault's route, its remaining uses and what it does, in order. */
@ExtendWith(AttacheExtension.class)
class PendingFaultsTest {

    @Test
    void pendingListsEachFaultWithItsRouteRemainingUsesAndKind(AttacheServer server) {
        server.faults()
                .rateLimit("POST /attachments", 2, Duration.ofSeconds(3))
                .serverError("GET /attachments/{attachment_gid}", 1)
                .delay("/users/me", 1, Duration.ofMillis(250))
                .cutRequestBody("POST /attachments", 1, 64)
                .cutResponseBody("GET /download/{attachment_gid}", 4, 100);

        assertThat(server.faults().pending()).containsExactly(
                new PendingFault("POST /attachments", 2, new Fault.Status(429, Duration.ofSeconds(3))),
                new PendingFault("GET /attachments/{attachment_gid}", 1, new Fault.Status(500, Duration.ZERO)),
                new PendingFault("* /users/me", 1, new Fault.Delay(Duration.ofMillis(250))),
                new PendingFault("POST /attachments", 1, new Fault.CutRequestBody(64)),
                new PendingFault("GET /download/{attachment_gid}", 4, new Fault.CutResponseBody(100)));
    }

    @Test
    void aFaultThatMetARequestShowsOneUseLess(AttacheServer server) throws Exception {
        server.faults().unavailable("GET /users/me", 3);

        Http.get(server, "/users/me");

        assertThat(server.faults().pending()).containsExactly(
                new PendingFault("GET /users/me", 2, new Fault.Status(503, Duration.ZERO)));
    }
}
