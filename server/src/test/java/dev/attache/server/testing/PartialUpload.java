package dev.attache.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An upload begun over a raw socket and left unfinished: the request announces a large file and sends
 * only its first bytes, so the server is mid-upload for as long as the test wants (until it kills the
 * server, or the socket closes).
 */
public final class PartialUpload {

    private PartialUpload() {
    }

    /**
     * Sends the request head and the first {@code sentBytes} of a file announced as {@code announcedBytes}.
     *
     * @return the socket's stream, for a test that sends more later
     */
    public static OutputStream start(Socket socket, String task, String token, long announcedBytes, int sentBytes)
            throws IOException {
        String boundary = "partial-boundary";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + task + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"half.bin\"\r\n\r\n";
        long length = head.length() + announcedBytes;
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/1.0/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + length + "\r\n\r\n" + head)
                .getBytes(StandardCharsets.UTF_8));
        out.write(new byte[sentBytes]);
        out.flush();
        return out;
    }
}
