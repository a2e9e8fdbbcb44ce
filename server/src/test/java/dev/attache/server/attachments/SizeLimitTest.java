package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** The 100 MB limit, enforced on the bytes as they stream in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SizeLimitTest {

    static final long LIMIT = 104_857_600L;

    @TempDir
    static Path dir;
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Posts a file of {@code size} zero bytes, generated as it is sent so the test holds none of it. */
    private Reply uploadZeros(String task, long size) {
        String boundary = "limit-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + task + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = head.length + size + tail.length;
        HttpRequest request = server.authorized(server.api("/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        Collections.enumeration(List.<InputStream>of(new ByteArrayInputStream(head), new ZeroStream(size),
                                new ByteArrayInputStream(tail))))), length))
                .build();
        return server.send(request);
    }

    @Test
    void fileOfExactly100MbIsAccepted() {
        String task = server.createTask("exact");
        Reply r = uploadZeros(task, LIMIT);

        assertThat(r.status()).isEqualTo(200);
        assertThat(server.get("/attachments/" + r.data().get("gid").asText() + "?opt_fields=size").data().get("size").asLong())
                .isEqualTo(LIMIT);
    }

    @Test
    void fileOneByteOver100MbIsRejectedAndNothingIsKept() {
        String task = server.createTask("over");
        int filesBefore = BlobFiles.all(dir).size();

        Reply r = uploadZeros(task, LIMIT + 1);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorMessage()).isEqualTo("file: The file exceeds the 100 MB size limit");
        assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
        assertThat(BlobFiles.all(dir)).hasSize(filesBefore);
    }

    /** {@code size} zero bytes without allocating them. */
    static final class ZeroStream extends InputStream {
        private long remaining;

        ZeroStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
