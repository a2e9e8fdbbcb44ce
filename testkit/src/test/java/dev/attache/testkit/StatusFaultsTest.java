package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.ParentGid;
import dev.attache.client.RateLimitedException;
import dev.attache.client.RetryPolicy;
import dev.attache.client.Upload;

/** Status faults as a client sees them: status, headers and Asana's error envelope, for the next N requests only. */
@ExtendWith(AttacheExtension.class)
class StatusFaultsTest {

    @Test
    void rateLimitAnswers429WithRetryAfterAndAsanasMessage(AttacheServer server) throws Exception {
        server.faults().rateLimit("GET /users/me", 1, Duration.ofSeconds(7));

        HttpResponse<String> r = Http.get(server, "/users/me");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).contains("\"errors\":[{\"message\":\"You've made too many requests and hit a rate limit.");
    }

    @Test
    void serverErrorAnswers500WithAnIncidentPhrase(AttacheServer server) throws Exception {
        server.faults().serverError("GET /users/me", 1);

        HttpResponse<String> r = Http.get(server, "/users/me");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"message\":\"Server Error\"").containsPattern("\"phrase\":\"\\d+ [a-z]+ [a-z]+ [a-z]+ [a-z]+\"");
    }

    @Test
    void unavailableAnswers503(AttacheServer server) throws Exception {
        server.faults().unavailable("GET /users/me", 1);

        HttpResponse<String> r = Http.get(server, "/users/me");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"errors\"");
    }

    @Test
    void aFaultMeetsOnlyTheNextNMatchingRequests(AttacheServer server) throws Exception {
        server.faults().unavailable("GET /users/me", 2);

        assertThat(Http.get(server, "/users/me").statusCode()).isEqualTo(503);
        assertThat(Http.get(server, "/users/me").statusCode()).isEqualTo(503);
        assertThat(Http.get(server, "/users/me").statusCode()).isEqualTo(200);
        assertThat(server.faults().pending()).isEmpty();
    }

    @Test
    void aFaultLeavesOtherRoutesAndMethodsAlone(AttacheServer server) throws Exception {
        server.faults().unavailable("POST /attachments", 1);

        assertThat(Http.get(server, "/users/me").statusCode()).isEqualTo(200);
        assertThat(Http.get(server, "/attachments?parent=1").statusCode()).isNotEqualTo(503);
        assertThat(server.faults().pending()).hasSize(1);
    }

    @Test
    void pathParametersMatchAnyGid(AttacheServer server) throws Exception {
        server.faults().status("GET /attachments/{attachment_gid}", 1, 502);

        assertThat(Http.get(server, "/attachments/12345").statusCode()).isEqualTo(502);
    }

    @Test
    void ourClientSeesTheRetryAfterOfARateLimit(AttacheServer server) {
        ParentGid task = server.createTask("t");
        server.faults().rateLimit("POST /attachments", 1, Duration.ofSeconds(30));
        AttachmentsApi noRetries = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                .retry(RetryPolicy.none()).build();

        CompletableFuture<?> upload = noRetries.createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1}));

        assertThat(upload).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void aRetryingClientGetsThroughTwo429s(AttacheServer server) {
        ParentGid task = server.createTask("t");
        server.faults().rateLimit("POST /attachments", 2, Duration.ofSeconds(1));
        java.util.List<Duration> slept = new java.util.concurrent.CopyOnWriteArrayList<>();
        AttachmentsApi retrying = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                .sleeper(d -> {
                    slept.add(d);
                    return CompletableFuture.completedFuture(null);
                }).build();

        retrying.createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();

        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(server.client().getAttachmentsForObject(task, dev.attache.client.PageRequest.all())
                .join().items()).hasSize(1);
    }

    @Test
    void ourClientsRetryOfARefusedUploadGetsThroughEveryTime(AttacheServer server) {
        ParentGid task = server.createTask("t");
        for (int i = 0; i < 25; i++) {
            server.faults().rateLimit("POST /attachments", 2, Duration.ofSeconds(1));
            AttachmentsApi retrying = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                    .sleeper(d -> CompletableFuture.completedFuture(null)).build();

            retrying.createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();
        }

        assertThat(server.client().getAttachmentsForObject(task, dev.attache.client.PageRequest.all())
                .join().items()).hasSize(25);
    }
}
