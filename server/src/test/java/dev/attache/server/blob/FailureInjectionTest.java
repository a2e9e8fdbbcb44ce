package dev.attache.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * A failure at each step of an upload and of a delete, injected where it would really happen: the blob
 * store's write and commit (a store that fails like a disk), the database's insert and delete (a SQLite
 * trigger that aborts the statement). An upload answered with an error leaves no row and no bytes; one
 * answered 200 leaves both. A delete answered with an error leaves the attachment whole; one answered
 * 200 leaves no row, and its bytes go at the latest with the next start's sweep. The render step is
 * covered where it runs, in {@code AttachmentServiceFailureTest}: the answer is built before anything
 * commits, so a request cannot fail after its commit.
 */
class FailureInjectionTest {

    private static final byte[] CONTENT = "bytes that must not be half kept".getBytes(StandardCharsets.UTF_8);

    /** A step of an upload that can fail. */
    enum UploadStep { BLOB_WRITE, BLOB_COMMIT, ROW_INSERT }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(UploadStep.class)
    void uploadFailingAtAStepIsAnsweredWithAnErrorAndLeavesNoRowAndNoBytes(UploadStep step) throws IOException {
        try (TestServer server = serverFailingAt(step)) {
            String task = server.createTask("fails at " + step);
            if (step == UploadStep.ROW_INSERT) {
                sql("CREATE TRIGGER injected BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'injected'); END");
            }

            Reply r = server.uploadFile(task, "a.txt", CONTENT);

            assertThat(r.status()).as(r.toString()).isEqualTo(500);
            assertThat(r.json().path("errors").path(0).path("phrase").asText()).isNotBlank();
            assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    @Test
    void uploadAnswered200LeavesTheRowAndTheBytes() throws IOException {
        try (TestServer server = TestServer.start(dir, FileBlobStore.open(dir.resolve("blobs")))) {
            String task = server.createTask("kept");

            Reply r = server.uploadFile(task, "a.txt", CONTENT);

            assertThat(r.status()).isEqualTo(200);
            assertThat(server.get("/attachments?parent=" + task).data()).hasSize(1);
            assertThat(BlobFiles.all(dir)).hasSize(1);
            assertThat(download(server, r).body()).isEqualTo(CONTENT);
        }
    }

    @Test
    void retryAfterAFailedRowInsertStoresTheAttachmentOnce() throws IOException {
        try (TestServer server = TestServer.start(dir, FileBlobStore.open(dir.resolve("blobs")))) {
            String task = server.createTask("retried");
            sql("CREATE TRIGGER injected BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'injected'); END");
            assertThat(server.uploadFile(task, "a.txt", CONTENT).status()).isEqualTo(500);
            sql("DROP TRIGGER injected");

            Reply retry = server.uploadFile(task, "a.txt", CONTENT);

            assertThat(retry.status()).isEqualTo(200);
            assertThat(server.get("/attachments?parent=" + task).data()).hasSize(1);
            assertThat(BlobFiles.all(dir)).hasSize(1);
        }
    }

    @Test
    void deleteFailingAtTheRowIsAnsweredWithAnErrorAndLeavesTheAttachmentWhole() throws IOException {
        try (TestServer server = TestServer.start(dir, FileBlobStore.open(dir.resolve("blobs")))) {
            Reply created = server.uploadFile(server.createTask("row delete fails"), "a.txt", CONTENT);
            String gid = created.data().get("gid").asText();
            sql("CREATE TRIGGER injected BEFORE DELETE ON attachments BEGIN SELECT RAISE(ABORT, 'injected'); END");

            Reply r = server.delete("/attachments/" + gid);

            assertThat(r.status()).as(r.toString()).isEqualTo(500);
            assertThat(server.get("/attachments/" + gid).status()).isEqualTo(200);
            assertThat(download(server, created).body()).isEqualTo(CONTENT);
        }
    }

    @Test
    void deleteWhoseBytesCannotBeRemovedIsAnswered200AndTheBytesGoWithTheNextStart() throws IOException {
        String task;
        try (TestServer server = TestServer.start(dir, FailingBlobStore.failing(FileBlobStore.open(dir.resolve("blobs")), FailingBlobStore.Step.DELETE))) {
            task = server.createTask("blob delete fails");
            String gid = server.uploadFile(task, "a.txt", CONTENT).data().get("gid").asText();

            Reply r = server.delete("/attachments/" + gid);

            assertThat(r.status()).isEqualTo(200);
            assertThat(server.get("/attachments/" + gid).status()).isEqualTo(404);
            assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
        }
        try (TestServer restarted = TestServer.start(dir)) {
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    @Test
    void deleteAnswered200LeavesNoRowAndNoBytes() throws IOException {
        try (TestServer server = TestServer.start(dir, FileBlobStore.open(dir.resolve("blobs")))) {
            String gid = server.uploadFile(server.createTask("deleted"), "a.txt", CONTENT).data().get("gid").asText();

            Reply r = server.delete("/attachments/" + gid);

            assertThat(r.status()).isEqualTo(200);
            assertThat(server.get("/attachments/" + gid).status()).isEqualTo(404);
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    private TestServer serverFailingAt(UploadStep step) throws IOException {
        FileBlobStore files = FileBlobStore.open(dir.resolve("blobs"));
        BlobStore blobs = switch (step) {
            case BLOB_WRITE -> FailingBlobStore.failing(files, FailingBlobStore.Step.WRITE);
            case BLOB_COMMIT -> FailingBlobStore.failing(files, FailingBlobStore.Step.COMMIT);
            case ROW_INSERT -> files;
        };
        return TestServer.start(dir, blobs);
    }

    private static Reply download(TestServer server, Reply created) {
        return server.send(HttpRequest.newBuilder(URI.create(created.data().get("download_url").asText())).build());
    }

    /** Changes the server's own database beside it, as an operator's SQL shell would. */
    private void sql(String statement) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("attache.db").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
