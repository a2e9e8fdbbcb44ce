package dev.attache.server.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.ForwardingBlobStore;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * Bodies longer than one chunk: a file store's blob goes out through pooled direct buffers, a store
 * without local files through its stream, and both give the same bytes, ranges and headers; a store
 * without local files is asked for a blob once per download.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeDownloadTest {

    private static final int SIZE = BlobBody.CHUNK + 87_654;
    private static final byte[] CONTENT = new byte[SIZE];

    static {
        new Random(11).nextBytes(CONTENT);
    }

    @TempDir
    static Path fileDir;
    @TempDir
    static Path streamDir;
    TestServer files;
    TestServer streams;
    StreamOnlyBlobStore streamStore;

    @BeforeAll
    void start() throws IOException {
        files = TestServer.start(fileDir);
        streamStore = new StreamOnlyBlobStore(FileBlobStore.open(streamDir.resolve("blobs")));
        streams = TestServer.start(streamDir, streamStore);
    }

    @AfterAll
    void stop() {
        files.close();
        streams.close();
    }

    @Test
    void fileStoreServesTheWholeBlob() {
        Reply r = get(files, upload(files), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
        assertThat(r.body()).isEqualTo(CONTENT);
    }

    @Test
    void fileStoreServesARangeStartingInsideTheFile() {
        Reply r = get(files, upload(files), "bytes=1000-300000");

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 1000-300000/" + SIZE);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 300_001));
    }

    @Test
    void fileStoreServesASmallRangeOfALargeBlob() {
        Reply r = get(files, upload(files), "bytes=-100");

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(CONTENT, SIZE - 100, SIZE));
    }

    @Test
    void headOfALargeBlobHasItsLengthAndNoBody() {
        String url = upload(files);

        Reply r = files.send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
        assertThat(r.body()).isEmpty();
    }

    @Test
    void storeWithoutLocalFilesServesTheWholeBlobAsAStream() {
        Reply r = get(streams, upload(streams), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
        assertThat(r.body()).isEqualTo(CONTENT);
    }

    @Test
    void storeWithoutLocalFilesServesARangeAsAStream() {
        Reply r = get(streams, upload(streams), "bytes=1000-300000");

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 1000-300000/" + SIZE);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 300_001));
    }

    @Test
    void storeWithoutLocalFilesIsAskedForASmallBlobOncePerDownload() {
        Reply created = streams.uploadFile(streams.createTask("small"), "small.txt", "small".getBytes(StandardCharsets.UTF_8));
        String url = created.data().get("download_url").asText();
        int before = streamStore.opened.get();

        Reply r = get(streams, url, null);

        assertThat(r.status()).isEqualTo(200);
        // Each open is a request to a remote store: the route for local files must not make one to decline.
        assertThat(streamStore.opened.get() - before).isEqualTo(1);
    }

    private static String upload(TestServer server) {
        Reply created = server.uploadFile(server.createTask("large"), "large.bin", CONTENT);
        assertThat(created.status()).isEqualTo(200);
        return created.data().get("download_url").asText();
    }

    private static Reply get(TestServer server, String url, String range) {
        HttpRequest.Builder request = request(url).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return server.send(request.build());
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    /** A store like a remote one: its blobs can only be read as streams, never as local files. */
    private static final class StreamOnlyBlobStore extends ForwardingBlobStore {

        final AtomicInteger opened = new AtomicInteger();

        StreamOnlyBlobStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public boolean keepsLocalFiles() {
            return false;
        }

        @Override
        public Optional<Blob> open(String key) throws IOException {
            opened.incrementAndGet();
            return super.open(key).map(blob -> new Blob() {
                @Override
                public long size() {
                    return blob.size();
                }

                @Override
                public InputStream openRange(long offset, long length) throws IOException {
                    return blob.openRange(offset, length);
                }
            });
        }
    }
}
