package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.TestServer;

/**
 * Clients that send their upload bodies slowly, or stop half-way, cannot starve everyone else: a
 * server-wide bound on uploads in flight keeps request threads free, and a body that arrives slower
 * than the minimum rate is answered 408. The timeouts here only guard against a hang.
 */
class SlowClientsTest {

    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^attache_uploads_in_flight(?:\\{[^}]*\\})? (\\S+)$");
    private static final int SLOW_UPLOADS = 300;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void plainGetIsAnsweredWhileThreeHundredUploadsTrickleInAByteASecond() throws IOException {
        // An idle timeout longer than the hang guard, and no minimum rate: neither is what frees the server here.
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (TestServer server = TestServer.start(dir, c -> c.idleTimeout(Duration.ofMinutes(2)).minRequestDataRate(0))) {
            String task = server.createTask("trickling");
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_UPLOADS; i++) {
                    slow.add(startUpload(server, task));
                }
                trickle.scheduleAtFixedRate(() -> slow.forEach(SlowClientsTest::sendOneByte), 0, 1, TimeUnit.SECONDS);

                HttpResponse<String> me = server.http().send(
                        server.authorized(server.api("/users/me")).timeout(HANG_GUARD).GET().build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(me.statusCode()).isEqualTo(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                trickle.shutdownNow();
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private static void sendOneByte(Socket socket) {
        try {
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
        } catch (IOException answeredOrClosed) {
            // The server answered this one (503, 408) and closed it; the others keep trickling.
        }
    }

    @Test
    void uploadOverTheServerBoundIsRefused503WithRetryAfter() throws IOException {
        try (TestServer server = TestServer.start(dir, c -> c.maxUploadsInFlight(1))) {
            String task = server.createTask("bounded");
            try (Socket first = startUpload(server, task)) {
                awaitUploadsInFlight(server, 1);

                var second = server.uploadFile(task, "second.txt", new byte[] {1});

                assertThat(second.status()).isEqualTo(503);
                assertThat(second.header("Retry-After")).isNotNull();
                assertThat(second.errorMessage()).isNotBlank();
            }
        }
    }

    @Test
    void uploadTricklingInBelowTheMinimumRateIsAnswered408AndLeavesNothing() throws IOException {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (TestServer server = TestServer.start(dir, c -> c.minRequestDataRate(1000).idleTimeout(Duration.ofMinutes(2)));
             Socket socket = startUpload(server, server.createTask("trickle"))) {
            OutputStream out = socket.getOutputStream();
            // Ten bytes a second, a hundredth of the minimum; each byte keeps the connection from being idle.
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    throw new UncheckedIOException(closed);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);

            String response = readResponse(socket);

            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).contains("\"errors\"");
            assertThat(BlobFiles.all(dir)).isEmpty();
        } finally {
            trickle.shutdownNow();
        }
    }

    /** Sends an upload's headers and the start of its body, announcing far more than it sends. */
    private static Socket startUpload(TestServer server, String task) throws IOException {
        String boundary = "slow-client";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + task + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.bin\"\r\n\r\n";
        Socket socket = new Socket("127.0.0.1", server.app().port());
        socket.setSoTimeout((int) HANG_GUARD.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/1.0/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.token()
                + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 100000000\r\n\r\n" + head)
                .getBytes(StandardCharsets.UTF_8));
        out.write(new byte[16]);
        out.flush();
        return socket;
    }

    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        StringBuilder response = new StringBuilder();
        int n;
        while ((n = in.read(buffer)) > 0) {
            response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (response.indexOf("}]}") >= 0) {
                break;
            }
        }
        return response.toString();
    }

    /** Polls /metrics, a bounded number of times, until the server counts that many uploads in flight. */
    private static void awaitUploadsInFlight(TestServer server, int expected) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Matcher m = IN_FLIGHT.matcher(server.send(HttpRequest.newBuilder(server.root("/metrics")).GET().build()).text());
            if (m.find() && Double.parseDouble(m.group(1)) == expected) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the server never counted " + expected + " uploads in flight");
    }
}
