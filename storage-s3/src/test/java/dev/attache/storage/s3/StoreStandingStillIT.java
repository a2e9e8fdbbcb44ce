package dev.attache.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobStoreUnavailableException;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;
import dev.attache.storage.s3.testing.KillableS3Mock;

/**
 * A store that stands still (S3Mock stopped with SIGSTOP: connections accepted, bytes taken until the
 * buffers fill, nothing answered) while an upload, a download or a delete goes to it. The node must answer 503
 * with {@code Retry-After} in Asana's envelope, not hold the client until the store moves again nor
 * blame the client with a 4xx; a download whose bytes are already on their way is cut off, so the client
 * cannot take what it got for the whole file; nothing of an upload is kept; and once the store moves
 * again the next request works.
 *
 * <p>The client waits at most {@link #CLIENT_PATIENCE} (the upload) or {@link #SHORT_BOUND_PATIENCE}
 * (the rest), as a client or proxy in front of a node would; the store's call timeouts here are far
 * shorter, the way the defaults (20 s for a write, 10 s for a read) are shorter than a client's usual
 * 30 s or more. Without those timeouts the node waited as long as the store stood still, or for the AWS
 * SDK's 60 s socket timeout on each of its attempts, and the client gave up first.
 */
class StoreStandingStillIT {

    private static final Duration WRITE_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(50);
    private static final Duration READ_CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SHORT_WRITE_CALL_TIMEOUT = Duration.ofSeconds(2);
    /** For requests under the 2 s bounds: far above them, far below the SDK's own 60 s socket timeout. */
    private static final Duration SHORT_BOUND_PATIENCE = Duration.ofSeconds(20);
    /** More than one part, so the upload starts a multipart upload and sends parts. */
    private static final int FILE_BYTES = S3Settings.MIN_PART_SIZE + (1 << 20);
    /**
     * More than the socket buffers between S3Mock, the node and a client that has not started to read
     * hold (a few MiB on loopback), so the store stops while most of the body is still to come.
     */
    private static final int LONG_FILE_BYTES = 24 << 20;

    @TempDir
    static Path dir;

    /** How long S3Mock may take to answer again after SIGCONT: it has the requests of the pause to get through first. */
    private static final Duration RESUME_PATIENCE = Duration.ofSeconds(60);

    private static KillableS3Mock s3;
    /** Asks whether S3Mock answers, with the store's own health check. */
    private static S3BlobStore probe;

    @BeforeAll
    static void startStore() {
        s3 = KillableS3Mock.start(dir.resolve("s3"), "standing-still");
        probe = S3BlobStore.open(settings());
    }

    @AfterAll
    static void stopStore() {
        probe.close();
        s3.close();
    }

    @Test
    void anUploadToAStoreThatStandsStillIsAnswered503AndTheNextOneAfterItMovesIsStored() {
        try (S3BlobStore store = S3BlobStore.open(settings().withWriteCallTimeout(WRITE_CALL_TIMEOUT));
             TestServer server = TestServer.start(dir.resolve("upload-node"), store)) {
            String task = server.createTask("standing still");

            Reply during;
            s3.pause();
            try {
                during = upload(server, task, "during.bin", bytes(FILE_BYTES, 1));
            } finally {
                resume();
            }

            assertUnavailable(during);
            assertThat(server.get("/attachments?parent=" + task).data()).as("attachments after the 503").isEmpty();

            byte[] after = bytes(FILE_BYTES, 2);
            Reply stored = upload(server, task, "after.bin", after);
            assertThat(stored.status()).as("status of %s", stored).isEqualTo(200);
            assertThat(server.get("/attachments?parent=" + task).data()).hasSize(1);
        }
    }

    @Test
    void aDownloadFromAStoreThatStandsStillIsAnswered503AndTheNextOneAfterItMovesIsWhole() {
        try (S3BlobStore store = S3BlobStore.open(settings().withReadCallTimeout(READ_CALL_TIMEOUT));
             TestServer server = TestServer.start(dir.resolve("download-node"), store)) {
            byte[] content = bytes(FILE_BYTES, 3);
            URI url = downloadUrl(server, server.uploadFile(server.createTask("standing still"), "file.bin", content));

            Reply during;
            s3.pause();
            try {
                during = server.send(HttpRequest.newBuilder(url).timeout(SHORT_BOUND_PATIENCE).build());
            } finally {
                resume();
            }

            assertUnavailable(during);
            Reply after = server.send(HttpRequest.newBuilder(url).timeout(SHORT_BOUND_PATIENCE).build());
            assertThat(after.status()).as("status of %s", after).isEqualTo(200);
            assertThat(after.body()).isEqualTo(content);
        }
    }

    @Test
    void aDownloadWhoseStoreStopsMidBodyEndsInAnErrorForTheClientNotInAShortAnswer() throws Exception {
        try (S3BlobStore store = S3BlobStore.open(settings().withReadCallTimeout(READ_CALL_TIMEOUT));
             TestServer server = TestServer.start(dir.resolve("mid-body-node"), store)) {
            byte[] content = bytes(LONG_FILE_BYTES, 4);
            URI url = downloadUrl(server, server.uploadFile(server.createTask("standing still"), "long.bin", content));
            ByteArrayOutputStream received = new ByteArrayOutputStream(LONG_FILE_BYTES);

            HttpResponse<InputStream> response = server.http().send(HttpRequest.newBuilder(url).timeout(SHORT_BOUND_PATIENCE).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(LONG_FILE_BYTES);
                s3.pause();
                try {
                    CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> copy(body, received));
                    long got = read.get(SHORT_BOUND_PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    fail("the client read %d of %d bytes and the body ended as if whole", got, LONG_FILE_BYTES);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).as("how the client's read ended").isInstanceOf(UncheckedIOException.class);
                } catch (TimeoutException e) {
                    fail("the client was still waiting for the body after " + SHORT_BOUND_PATIENCE);
                } finally {
                    resume();
                }
            }
            assertThat(received.size()).as("bytes the client got").isLessThan(LONG_FILE_BYTES);
            assertThat(received.toByteArray()).as("the bytes the client got are the file's")
                    .isEqualTo(Arrays.copyOf(content, received.size()));
        }
    }

    /** The row goes at once; the object stays behind for the sweep rather than holding the request. */
    @Test
    void anAttachmentDeletedWhileTheStoreStandsStillIsAnsweredWithinTheWriteBound() {
        try (S3BlobStore store = S3BlobStore.open(settings().withWriteCallTimeout(SHORT_WRITE_CALL_TIMEOUT));
             TestServer server = TestServer.start(dir.resolve("delete-node"), store)) {
            String task = server.createTask("standing still");
            Reply created = server.uploadFile(task, "file.bin", bytes(1 << 20, 7));
            assertThat(created.status()).as("status of %s", created).isEqualTo(200);

            Reply deleted;
            s3.pause();
            try {
                deleted = server.send(server.authorized(server.api("/attachments/" + created.data().get("gid").asText()))
                        .timeout(SHORT_BOUND_PATIENCE).DELETE().build());
            } finally {
                resume();
            }

            assertThat(deleted.status()).as("status of %s", deleted).isEqualTo(200);
            assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
        }
    }

    @Test
    void aRangeOpenedWhileTheStoreStandsStillFailsAsUnavailable() throws Exception {
        try (S3BlobStore store = S3BlobStore.open(settings().withReadCallTimeout(READ_CALL_TIMEOUT))) {
            BlobStore.Blob blob = store.open(commit(store, bytes(1 << 20, 5))).orElseThrow();

            CompletableFuture<InputStream> opened;
            s3.pause();
            try {
                opened = CompletableFuture.supplyAsync(() -> openRange(blob));
                assertThatThrownBy(() -> opened.get(SHORT_BOUND_PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(UncheckedIOException.class)
                        .cause().isInstanceOf(BlobStoreUnavailableException.class);
            } finally {
                resume();
            }
        }
    }

    /** The read bound waits on silence, not on the whole body: a reader slower than the bound still gets every byte. */
    @Test
    void aReadThatTakesLongerThanTheReadBoundButNeverStallsGetsTheWholeBody() throws Exception {
        try (S3BlobStore store = S3BlobStore.open(settings().withReadCallTimeout(READ_CALL_TIMEOUT))) {
            byte[] content = bytes(LONG_FILE_BYTES, 6);
            BlobStore.Blob blob = store.open(commit(store, content)).orElseThrow();
            long spread = READ_CALL_TIMEOUT.toMillis() * 3 / 2;
            int steps = 16;

            byte[] read = new byte[content.length];
            try (InputStream in = blob.openRange(0, content.length)) {
                int chunk = content.length / steps;
                for (int i = 0; i < steps; i++) {
                    Thread.sleep(spread / steps);
                    in.readNBytes(read, i * chunk, chunk);
                }
                assertThat(in.read()).isEqualTo(-1);
            }

            assertThat(read).isEqualTo(content);
        }
    }

    /**
     * SIGCONT, then waits until S3Mock answers again, so that what a test checks next is the node's
     * recovery, not how long a JVM just let go (on a machine under heavy load) takes to catch up.
     */
    private static void resume() {
        s3.resume();
        long deadline = System.nanoTime() + RESUME_PATIENCE.toNanos();
        while (!probe.isHealthy()) {
            if (System.nanoTime() > deadline) {
                fail("S3Mock did not answer within " + RESUME_PATIENCE + " of SIGCONT");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static S3Settings settings() {
        return S3Settings.resolve(s3.blobStoreUri(), s3.endpoint().toString(), "us-east-1", Map.of())
                .withPartSize(S3Settings.MIN_PART_SIZE);
    }

    private static void assertUnavailable(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(503);
        assertThat(reply.header("Retry-After")).as("Retry-After of %s", reply).isNotNull().matches("[1-9][0-9]*");
        assertThat(reply.errorMessage()).startsWith("The blob store is temporarily unavailable");
        assertThat(reply.json().path("errors").path(0).path("help").asText()).isNotEmpty();
    }

    private static Reply upload(TestServer server, String task, String name, byte[] content) {
        Multipart form = Multipart.form()
                .field("parent", task).file(name, "application/octet-stream", content);
        return server.send(server.authorized(server.api("/attachments")).timeout(CLIENT_PATIENCE)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());
    }

    private static URI downloadUrl(TestServer server, Reply created) {
        assertThat(created.status()).as("status of %s", created).isEqualTo(200);
        return URI.create(server.get("/attachments/" + created.data().get("gid").asText() + "?opt_fields=download_url")
                .data().get("download_url").asText());
    }

    private static String commit(S3BlobStore store, byte[] content) throws IOException {
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(content));
            writer.commit();
            return writer.key();
        }
    }

    private static InputStream openRange(BlobStore.Blob blob) {
        try {
            return blob.openRange(0, blob.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a body to its end; the number of bytes. */
    private static long copy(InputStream body, OutputStream to) {
        try {
            return body.transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }
}
