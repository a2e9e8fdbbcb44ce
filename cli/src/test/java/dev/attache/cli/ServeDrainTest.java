package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.server.App;
import dev.attache.server.ServerConfig;

/**
 * {@code attache serve} stopped with a real SIGTERM while an upload streams in (docs/api.md §8): the
 * upload finishes within the grace and the process exits 0; past the grace it is cut and leaves
 * nothing behind after the next start.
 */
class ServeDrainTest {

    private static final int FILE_BYTES = 30 * 1024 * 1024;
    private static final int SENT_BEFORE_SIGTERM = 4 * 1024 * 1024;
    private static final String BOUNDARY = "drain-boundary";
    private static final Pattern UPLOADS_IN_FLIGHT = Pattern.compile("(?m)^attache_uploads_in_flight(?:\\{[^}]*\\})? (\\S+)$");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anUploadInFlightAtSigtermFinishesWhileReadinessIs503AndNewConnectionsAreRefusedThenTheProcessExitsZero()
            throws Exception {
        Path data = dir.resolve("data");
        byte[] content = ServerCalls.randomBytes(FILE_BYTES);
        String gid;
        try (ServeProcess serve = ServeProcess.start(data, Map.of(), "--shutdown-grace", "60s")) {
            int port = serve.port();
            String token = Files.readString(data.resolve("dev-token")).trim();
            String task = createTask(port, token);
            try (RawConnection probe = new RawConnection(port); RawConnection upload = new RawConnection(port)) {
                assertThat(probe.get("/health/ready").status()).isEqualTo(200);
                upload.send(uploadHead(task, token, content.length));
                upload.send(Arrays.copyOfRange(content, 0, SENT_BEFORE_SIGTERM));
                awaitUploadInFlight(probe);

                serve.signal("TERM");

                Optional<RawConnection.Answer> ready = awaitNotReady(probe, port);
                if (ready.isPresent()) {
                    assertThat(ready.get().status()).isEqualTo(503);
                    assertThat(json.readTree(ready.get().body()).get("draining").asBoolean()).isTrue();
                }
                awaitConnectionRefused(port);
                assertThat(serve.isAlive()).as("still draining while the upload is unfinished").isTrue();

                upload.send(Arrays.copyOfRange(content, SENT_BEFORE_SIGTERM, content.length));
                upload.send(uploadTail());
                RawConnection.Answer done = upload.read();

                assertThat(done.status()).as(serve.output()).isEqualTo(200);
                assertThat(done.header("Connection")).as("the client's next request goes to another node").isEqualTo("close");
                JsonNode attachment = json.readTree(done.body()).get("data");
                assertThat(attachment.get("size").asLong()).isEqualTo(FILE_BYTES);
                gid = attachment.get("gid").asText();
            }
            assertThat(serve.awaitExit()).as(serve.output()).isZero();
        }

        try (App restarted = App.start(ServerConfig.forTests(data))) {
            assertThat(download(restarted, gid)).as("the upload's bytes, whole").isEqualTo(content);
        }
    }

    @Test
    void anUploadStillRunningWhenTheGraceRunsOutIsCutAndLeavesNoAttachmentNorBytes() throws Exception {
        Path data = dir.resolve("data");
        String task;
        try (ServeProcess serve = ServeProcess.start(data, Map.of("ATTACHE_SHUTDOWN_GRACE", "1s"))) {
            int port = serve.port();
            String token = Files.readString(data.resolve("dev-token")).trim();
            task = createTask(port, token);
            try (RawConnection upload = new RawConnection(port); RawConnection metrics = new RawConnection(port)) {
                upload.send(uploadHead(task, token, FILE_BYTES));
                upload.send(new byte[SENT_BEFORE_SIGTERM]);
                awaitUploadInFlight(metrics);

                serve.signal("TERM");

                assertThat(upload.closedByServer()).as("the upload cut once the grace ran out").isTrue();
            }
            assertThat(serve.awaitExit()).as("a stop that cut requests keeps SIGTERM's status\n" + serve.output()).isEqualTo(143);
        }

        try (App restarted = App.start(ServerConfig.forTests(data))) {
            JsonNode listed = json.readTree(get(restarted, restarted.devToken(), "/attachments?parent=" + task)).get("data");
            assertThat(listed).as("attachments of the task").isEmpty();
            assertThat(blobFiles(data)).as("bytes left in the blob store after the next start").isEmpty();
        }
    }

    private String createTask(int port, String token) throws Exception {
        URI api = URI.create("http://127.0.0.1:" + port + "/api/1.0");
        JsonNode workspaces = json.readTree(send(HttpRequest.newBuilder(URI.create(api + "/workspaces"))
                .header("Authorization", "Bearer " + token).build()));
        String body = "{\"data\":{\"workspace\":\"" + workspaces.get("data").get(0).get("gid").asText() + "\",\"name\":\"drain\"}}";
        JsonNode task = json.readTree(send(HttpRequest.newBuilder(URI.create(api + "/tasks"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        return task.get("data").get("gid").asText();
    }

    private byte[] download(App app, String gid) throws Exception {
        JsonNode attachment = json.readTree(get(app, app.devToken(), "/attachments/" + gid + "?opt_fields=download_url"));
        return send(HttpRequest.newBuilder(URI.create(attachment.get("data").get("download_url").asText())).build());
    }

    private byte[] get(App app, String token, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(app.apiBaseUri() + path)).header("Authorization", "Bearer " + token).build());
    }

    private byte[] send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isBetween(200, 201);
        return response.body();
    }

    private static byte[] uploadHead(String task, String token, long fileBytes) {
        String parts = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + task + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        long length = parts.length() + fileBytes + uploadTail().length;
        return ("POST /api/1.0/attachments?opt_fields=gid,size HTTP/1.1\r\nHost: attache\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length + "\r\n\r\n" + parts)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] uploadTail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Asks for readiness on a kept-alive connection until it says no, within a bound. Jetty may close an
     * idle kept-alive connection the moment the drain starts, without an answer; then a new connection
     * asks, and a refused or reset one is an answer too (a balancer takes each as "not ready"). Empty when the
     * node said no by closing rather than by a 503; it never says ready.
     */
    private static Optional<RawConnection.Answer> awaitNotReady(RawConnection probe, int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        RawConnection connection = probe;
        while (System.nanoTime() < deadline) {
            RawConnection.Answer answer;
            try {
                answer = connection.get("/health/ready");
            } catch (IOException closedWithoutAnAnswer) {
                if (connection != probe) {
                    connection.close();
                }
                try {
                    connection = new RawConnection(port);
                } catch (SocketException refusedOrResetByAClosingListener) {
                    return Optional.empty();
                }
                continue;
            }
            if (answer.status() != 200) {
                if (connection != probe) {
                    connection.close();
                }
                return Optional.of(answer);
            }
        }
        throw new AssertionError("readiness stayed 200 for 30 s after SIGTERM");
    }

    /** Connects until the listener refuses, within a bound. */
    private static void awaitConnectionRefused(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                continue;
            } catch (ConnectException refused) {
                return;
            } catch (SocketException resetWhileTheListenerCloses) {
                // A connection the kernel had queued when the listener closed is reset, not refused;
                // the next attempt meets the closed port.
                continue;
            }
        }
        throw new AssertionError("new connections were still accepted 30 s after SIGTERM");
    }

    /**
     * Asks {@code /metrics} on a kept-alive connection, within a bound, until an upload is in flight: the
     * upload route has the request, so it is the server's, not a socket buffer's.
     */
    private static void awaitUploadInFlight(RawConnection connection) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher gauge = UPLOADS_IN_FLIGHT.matcher(connection.get("/metrics").text());
            if (gauge.find() && Double.parseDouble(gauge.group(1)) >= 1) {
                return;
            }
        }
        throw new AssertionError("the upload never reached the upload route");
    }

    /** Every file under the blob store: kept objects and partial uploads alike. */
    private static List<Path> blobFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
