package dev.attache.server.contract;

import static dev.attache.server.contract.ContractAssertions.assertAnswerMatchesDocument;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.attache.server.faults.Fault;
import dev.attache.server.testing.AsanaDocument;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * Each error status the attachment operations document, as the server answers it, checked against the
 * document's description of that status (docs/api.md §5). The 500 and 503 come from the server's fault
 * injection, which answers them through the same error envelope as a real failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentErrorContractTest {

    @TempDir
    static Path dir;
    TestServer server;
    String task;
    String attachment;

    @BeforeAll
    void start() {
        server = TestServer.withTestControls(dir);
        task = server.createTask("errors");
        attachment = server.uploadFile(task, "a.txt", new byte[] {1, 2, 3}).data().get("gid").asText();
    }

    @AfterEach
    void clearFaults() {
        server.embedded().clearFaults();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anUploadWithoutAParentIs400AsDocumented() {
        expect(400, "createAttachmentForObject", upload(server.authorized(server.api("/attachments")),
                Multipart.form().file("a.txt", "text/plain", new byte[] {1})));
    }

    @Test
    void aListWithoutAParentIs400AsDocumented() {
        expect(400, "getAttachmentsForObject", server.authorized(server.api("/attachments")).GET().build());
    }

    @Test
    void aListWithALimitOutOfRangeIs400AsDocumented() {
        expect(400, "getAttachmentsForObject", server.authorized(server.api("/attachments?parent=" + task + "&limit=101")).GET().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"getAttachment", "deleteAttachment"})
    void anAttachmentGidThatIsNotAGidIs400AsDocumented(String operation) {
        HttpRequest.Builder request = server.authorized(server.api("/attachments/not-a-gid"));
        expect(400, operation, operation.equals("getAttachment") ? request.GET().build() : request.DELETE().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"getAttachment", "deleteAttachment", "getAttachmentsForObject", "createAttachmentForObject"})
    void aRequestWithoutATokenIs401AsDocumented(String operation) {
        expect(401, operation, request(operation, HttpRequest.newBuilder(), HttpRequest.newBuilder()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"getAttachment", "deleteAttachment", "getAttachmentsForObject", "createAttachmentForObject"})
    void aTokenWithoutTheScopeIs403AsDocumented(String operation) {
        // An OAuth token granted only the scope no attachment operation needs for this one.
        String scope = operation.startsWith("get") ? "attachments:write" : "attachments:read";
        String token = server.embedded().tokenOf(server.embedded().createUser("Scoped " + operation, scope));
        expect(403, operation, request(operation, bearer(token), bearer(token)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"getAttachment", "deleteAttachment"})
    void anUnknownAttachmentIs404AsDocumented(String operation) {
        HttpRequest.Builder request = server.authorized(server.api("/attachments/1234567890"));
        expect(404, operation, operation.equals("getAttachment") ? request.GET().build() : request.DELETE().build());
    }

    @Test
    void aListOfAnUnknownParentIs404AsDocumented() {
        expect(404, "getAttachmentsForObject", server.authorized(server.api("/attachments?parent=1234567890")).GET().build());
    }

    @Test
    void anUploadToAnUnknownParentIs404AsDocumented() {
        expect(404, "createAttachmentForObject", upload(server.authorized(server.api("/attachments")),
                Multipart.form().field("parent", "1234567890").file("a.txt", "text/plain", new byte[] {1})));
    }

    @ParameterizedTest
    @ValueSource(strings = {"getAttachment", "deleteAttachment", "getAttachmentsForObject", "createAttachmentForObject"})
    void aServerErrorIs500AsDocumented(String operation) {
        server.embedded().faults().add(route(operation), 1, Fault.serverError());
        expect(500, operation, request(operation, server.authorized(server.api("/")), server.authorized(server.api("/"))));
    }

    @Test
    void anUnavailableServerIs503AsDocumented() {
        server.embedded().faults().add("GET /attachments/{attachment_gid}", 1, Fault.unavailable());
        expect(503, "getAttachment", request("getAttachment", server.authorized(server.api("/")), server.authorized(server.api("/"))));
    }

    private void expect(int status, String operation, HttpRequest request) {
        assertThat(AsanaDocument.get().errorStatuses(operation)).as("statuses %s documents", operation).contains(status);
        Reply reply = server.send(request);
        assertThat(reply.status()).as("%s %s: %s", request.method(), request.uri(), reply.text()).isEqualTo(status);
        assertAnswerMatchesDocument(request, reply);
    }

    /** A request for an operation, built from a builder that carries (or lacks) credentials. */
    private HttpRequest request(String operation, HttpRequest.Builder forRead, HttpRequest.Builder forWrite) {
        return switch (operation) {
            case "getAttachment" -> forRead.uri(server.api("/attachments/" + attachment)).GET().build();
            case "deleteAttachment" -> forWrite.uri(server.api("/attachments/" + attachment)).DELETE().build();
            case "getAttachmentsForObject" -> forRead.uri(server.api("/attachments?parent=" + task)).GET().build();
            case "createAttachmentForObject" -> upload(forWrite.uri(server.api("/attachments")),
                    Multipart.form().field("parent", task).file("a.txt", "text/plain", new byte[] {1}));
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private static String route(String operation) {
        return switch (operation) {
            case "getAttachment" -> "GET /attachments/{attachment_gid}";
            case "deleteAttachment" -> "DELETE /attachments/{attachment_gid}";
            case "getAttachmentsForObject" -> "GET /attachments";
            case "createAttachmentForObject" -> "POST /attachments";
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private HttpRequest.Builder bearer(String token) {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
    }

    private static HttpRequest upload(HttpRequest.Builder builder, Multipart form) {
        return builder.header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build();
    }
}
