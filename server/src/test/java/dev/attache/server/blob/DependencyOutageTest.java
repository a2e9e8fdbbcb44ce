package dev.attache.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.db.DatabaseUnavailableException;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * What a real server answers when the blob store, or the database behind it, stops answering in the
 * middle of an upload or a download: 503 with {@code Retry-After} in Asana's envelope, never a 500 and
 * never a 4xx for a valid request; reads that need only the database go on; once the store answers
 * again, so does the server. The stores fail the way {@code S3BlobStore} and {@code
 * IntentRecordingBlobStore} report an outage. (Real engines killed and restarted: {@code
 * BlobStoreKilledIT} and {@code DatabaseRestartedIT} in storage-s3.)
 */
class DependencyOutageTest {

    private static final byte[] CONTENT = "bytes worth keeping".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void uploadWhileTheBlobStoreIsDownIsAnswered503WithRetryAfter() throws IOException {
        try (TestServer server = TestServer.start(dir, new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs"))).down())) {
            Reply r = server.uploadFile(server.createTask("t"), "a.txt", CONTENT);

            assertUnavailable(r, "blob store");
        }
    }

    @Test
    void uploadWhileTheDatabaseIsDownAsTheFileStartsIsAnswered503NotMissingFile() throws IOException {
        OutageBlobStore store = new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        try (TestServer server = TestServer.start(dir, store)) {
            String task = server.createTask("t");
            store.failCreateWith(new IOException("could not record the upload intent",
                    new DatabaseUnavailableException("INSERT", new SQLTransientConnectionException("Connection is not available"))));

            Reply r = server.uploadFile(task, "a.txt", CONTENT);

            assertUnavailable(r, "database");
        }
    }

    @Test
    void uncheckedFailureAsTheFilePartStartsIsA500NotAMissingFile() throws IOException {
        OutageBlobStore store = new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        try (TestServer server = TestServer.start(dir, store)) {
            String task = server.createTask("t");
            store.failCreateUnchecked();

            Reply r = server.uploadFile(task, "a.txt", CONTENT);

            assertThat(r.status()).as("%s", r).isEqualTo(500);
            assertThat(r.json().path("errors").path(0).path("phrase").asText()).isNotBlank();
        }
    }

    @Test
    void downloadWhileTheBlobStoreIsDownIsAnswered503OnTheDirectRoute() throws IOException {
        OutageBlobStore store = new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        try (TestServer server = TestServer.start(dir, store)) {
            Reply created = server.uploadFile(server.createTask("t"), "a.txt", CONTENT);
            store.down();

            Reply r = server.send(HttpRequest.newBuilder(URI.create(created.data().get("download_url").asText())).build());

            assertUnavailable(r, "blob store");
        }
    }

    @Test
    void rangeDownloadWhileTheBlobStoreIsDownIsAnswered503ByTheFrameworkRoute() throws IOException {
        OutageBlobStore store = new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        try (TestServer server = TestServer.start(dir, store)) {
            Reply created = server.uploadFile(server.createTask("t"), "a.txt", CONTENT);
            store.down();

            Reply r = server.send(HttpRequest.newBuilder(URI.create(created.data().get("download_url").asText()))
                    .header("Range", "bytes=0-3").build());

            assertUnavailable(r, "blob store");
        }
    }

    @Test
    void readsThatNeedOnlyTheDatabaseWorkWhileTheBlobStoreIsDown() throws IOException {
        OutageBlobStore store = new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        try (TestServer server = TestServer.start(dir, store)) {
            String task = server.createTask("t");
            String gid = server.uploadFile(task, "a.txt", CONTENT).data().get("gid").asText();
            store.down();

            assertThat(server.get("/attachments/" + gid).status()).isEqualTo(200);
            assertThat(server.get("/attachments?parent=" + task).data()).hasSize(1);
            assertThat(server.get("/users/me").status()).isEqualTo(200);
        }
    }

    @Test
    void theFirstUploadAfterTheBlobStoreIsBackIsStored() throws IOException {
        OutageBlobStore store = new OutageBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        try (TestServer server = TestServer.start(dir, store)) {
            String task = server.createTask("t");
            store.down();
            assertUnavailable(server.uploadFile(task, "during.txt", CONTENT), "blob store");
            store.up();

            Reply r = server.uploadFile(task, "after.txt", CONTENT);

            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(server.send(HttpRequest.newBuilder(URI.create(r.data().get("download_url").asText())).build()).body())
                    .isEqualTo(CONTENT);
        }
    }

    private static void assertUnavailable(Reply r, String dependency) {
        assertThat(r.status()).as("%s", r).isEqualTo(503);
        assertThat(r.header("Retry-After")).as("Retry-After").matches("[1-9][0-9]*");
        assertThat(r.errorMessage()).startsWith("The " + dependency + " is temporarily unavailable");
        assertThat(r.json().path("errors").path(0).path("help").asText()).isNotBlank();
    }

    /** A store that can be switched off, failing as a remote store that does not answer fails. */
    private static final class OutageBlobStore extends ForwardingBlobStore {

        private volatile boolean down;
        private volatile IOException createFailure;
        private volatile boolean createUnchecked;

        OutageBlobStore(BlobStore delegate) {
            super(delegate);
        }

        OutageBlobStore down() {
            down = true;
            return this;
        }

        void up() {
            down = false;
        }

        void failCreateWith(IOException failure) {
            createFailure = failure;
        }

        void failCreateUnchecked() {
            createUnchecked = true;
        }

        private void check() throws IOException {
            if (down) {
                throw new BlobStoreUnavailableException("connection refused", new ConnectException("Connection refused"));
            }
        }

        @Override
        public BlobWriter create() throws IOException {
            check();
            if (createFailure != null) {
                throw createFailure;
            }
            if (createUnchecked) {
                throw new IllegalStateException("a store bug, unchecked");
            }
            return super.create();
        }

        @Override
        public Optional<Blob> open(String key) throws IOException {
            check();
            return super.open(key);
        }

        @Override
        public void delete(String key) throws IOException {
            check();
            super.delete(key);
        }

        @Override
        public boolean isHealthy() {
            return !down && super.isHealthy();
        }
    }
}
