package dev.attache.server.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobStoreUnavailableException;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.ForwardingBlobStore;
import dev.attache.server.http.ApiHeaders;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * A store whose body fails while a download streams it, as a remote store that stops answering does.
 * Before any byte has left the node there is still room for an answer: a 503 in Asana's envelope with
 * none of the download's headers. After, the response is cut off, and the client never receives
 * anything but the file's own bytes, fewer of them than {@code Content-Length} promised.
 */
class StoreFailingMidDownloadTest {

    private static final int SIZE = 4 << 20;
    private static final byte[] CONTENT = new byte[SIZE];

    static {
        new Random(21).nextBytes(CONTENT);
    }

    @TempDir
    Path dir;

    @Test
    void aBodyThatFailsBeforeItsFirstByteIsAnswered503WithNoneOfTheDownloadsHeaders() throws IOException {
        try (TestServer server = TestServer.start(dir, new FailingBodies(FileBlobStore.open(dir.resolve("blobs")), 0))) {
            String url = upload(server);

            Reply r = server.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build());

            assertThat(r.status()).as("status of %s", r).isEqualTo(503);
            assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(r.errorMessage()).startsWith("The blob store is temporarily unavailable");
            assertThat(r.header("Content-Type")).isEqualTo(ApiHeaders.JSON_CONTENT_TYPE);
            assertThat(r.header("Content-Disposition")).isNull();
            assertThat(r.header("ETag")).isNull();
        }
    }

    @Test
    void aBodyThatFailsAfterBytesWereSentEndsTheClientsReadInAnErrorWithOnlyTheFilesBytes() throws Exception {
        long failAfter = SIZE / 4;
        try (TestServer server = TestServer.start(dir, new FailingBodies(FileBlobStore.open(dir.resolve("blobs")), failAfter))) {
            String url = upload(server);
            ByteArrayOutputStream received = new ByteArrayOutputStream();

            HttpResponse<InputStream> r = server.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            try (InputStream body = r.body()) {
                assertThatThrownBy(() -> body.transferTo(received)).isInstanceOf(IOException.class);
            }
            assertThat(received.size()).isLessThan(SIZE);
            assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(CONTENT, received.size()));
        }
    }

    private static String upload(TestServer server) {
        Reply created = server.uploadFile(server.createTask("failing"), "file.bin", CONTENT);
        assertThat(created.status()).isEqualTo(200);
        return created.data().get("download_url").asText();
    }

    /** Blobs readable only as streams, each failing as unavailable once {@code failAfter} of its bytes were read. */
    private static final class FailingBodies extends ForwardingBlobStore {

        private final long failAfter;

        FailingBodies(BlobStore delegate, long failAfter) {
            super(delegate);
            this.failAfter = failAfter;
        }

        @Override
        public Optional<Blob> open(String key) throws IOException {
            return super.open(key).map(blob -> new Blob() {
                @Override
                public long size() {
                    return blob.size();
                }

                @Override
                public InputStream openRange(long offset, long length) throws IOException {
                    return new FailingAfter(blob.openRange(offset, length), failAfter);
                }
            });
        }
    }

    private static final class FailingAfter extends FilterInputStream {

        private long left;

        FailingAfter(InputStream in, long failAfter) {
            super(in);
            this.left = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new BlobStoreUnavailableException("the store stopped sending (simulated)", new IOException("Read timed out"));
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
