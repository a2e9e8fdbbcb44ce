package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.TestServer;

/** A client that stops sending mid-upload is cut off by the idle timeout: no hang, nothing kept. */
class StalledUploadTest {

    @TempDir
    Path dir;

    @Test
    void uploadThatStopsSendingIsAnsweredAndLeavesNothing() throws IOException {
        try (TestServer server = TestServer.start(dir, c -> c.idleTimeout(Duration.ofSeconds(1)))) {
            String task = server.createTask("stalled");
            String boundary = "stall";
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + task + "\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.bin\"\r\n\r\n";
            String response;
            try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
                // Guards the test itself; the server's idle timeout is what answers.
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/1.0/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.token()
                        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 1000000\r\n\r\n" + head)
                        .getBytes(StandardCharsets.UTF_8));
                out.write(new byte[10_000]);
                out.flush();
                InputStream in = socket.getInputStream();
                response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }

            assertThat(response).startsWith("HTTP/1.1 4");
            assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }
}
