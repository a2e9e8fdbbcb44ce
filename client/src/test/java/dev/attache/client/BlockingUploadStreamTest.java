package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.server.embedded.EmbeddedServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads and uploads share one HTTP client and its worker pool; an upload's body is the caller's
 * stream, and a stream that blocks must hold up only its own upload, never a read. Against the
 * real server.
 */
class BlockingUploadStreamTest {

    /** Enough to fill the socket buffers, so later pulls come from the HTTP client's own threads. */
    private static final int BEFORE_STALL = 16 * 1024 * 1024;

    @Test
    void aReadCompletesWhileAnUploadsStreamIsBlocked() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddedServer server = EmbeddedServer.start();
                AttachmentsApi api = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                        .build()) {
            ParentGid task = ParentGid.of(server.createTask("stalled upload"));
            Attachment small = api.createAttachmentForObject(task,
                    Upload.bytes("small.txt", "hello".getBytes(StandardCharsets.UTF_8))).join();
            CompletableFuture<Attachment> upload = api.createAttachmentForObject(task,
                    Upload.stream("stalled.bin", () -> new StallingStream(BEFORE_STALL, stalled, release),
                            BEFORE_STALL + 1L));
            assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();

            // Generous: this only tells a hang from an answer.
            Attachment read = api.getAttachment(small.gid()).get(30, TimeUnit.SECONDS);

            assertThat(read.gid()).isEqualTo(small.gid());
            assertThat(upload).isNotDone();
            upload.cancel(true);
        } finally {
            release.countDown();
        }
    }

    /** {@code before} zero bytes, then a read that blocks until released, then one more byte. */
    private static final class StallingStream extends InputStream {
        private final CountDownLatch stalled;
        private final CountDownLatch release;
        private long left;

        StallingStream(long before, CountDownLatch stalled, CountDownLatch release) {
            this.left = before;
            this.stalled = stalled;
            this.release = release;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                left = -1;
                b[off] = 1;
                return 1;
            }
            if (left < 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
