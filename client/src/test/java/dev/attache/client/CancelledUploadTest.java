package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.testing.ThrottlingProxy;
import dev.attache.server.embedded.EmbeddedServer;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancelling an upload's future stops the bytes, against the real server. */
class CancelledUploadTest {

    private static final long SIZE = 100L * 1024 * 1024;
    private static final long RATE = 20L * 1024 * 1024;

    @Test
    void uploadCancelledThreeHundredMillisecondsInStopsSendingAndLeavesNothingListed() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start();
                ThrottlingProxy proxy = new ThrottlingProxy(server.app().port(), RATE);
                AttachmentsApi api = AttachmentsApi.builder()
                        .baseUri(URI.create(proxy.baseUri() + "/api/1.0"))
                        .token(server.token())
                        .build()) {
            ParentGid task = ParentGid.of(server.createTask("cancelled upload"));
            long cancelAt = RATE * 300 / 1000;
            CompletableFuture<Attachment> upload = api.createAttachmentForObject(task,
                    Upload.stream("big.bin", () -> new ZeroStream(SIZE), SIZE));

            // 300 ms in at the proxy's rate; counted in bytes so a loaded machine changes nothing.
            proxy.whenForwarded(cancelAt).get(30, TimeUnit.SECONDS);
            upload.cancel(true);
            long atCancel = proxy.forwarded();
            long total = proxy.clientDone().get(30, TimeUnit.SECONDS);

            assertThat(upload.isCancelled()).isTrue();
            // Within a second of the cancel at the proxy's rate, and far short of the whole body.
            assertThat(total - atCancel).isLessThan(RATE);
            assertThat(total).isLessThan(SIZE / 2);
            try (AttachmentsApi direct = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                    .build()) {
                assertThat(direct.getAttachmentsForObject(task, PageRequest.limit(10)).join().items()).isEmpty();
            }
        }
    }

    /** {@code size} zero bytes, generated rather than held. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
