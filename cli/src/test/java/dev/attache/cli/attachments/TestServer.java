package dev.attache.cli.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;

/** A real Attaché server in a temp directory, and the few raw API calls tests set up state with. */
final class TestServer implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final App app;
    private final Path dataDir;

    TestServer(Path dataDir) {
        this(ServerConfig.forTests(dataDir));
    }

    /** A server started with {@code config}; the raw API calls work only while it speaks plain HTTP. */
    TestServer(ServerConfig config) {
        this.dataDir = config.dataDir();
        try {
            this.app = App.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String api() {
        return app.apiBaseUri().toString();
    }

    String token() {
        return app.devToken();
    }

    Path dataDir() {
        return dataDir;
    }

    /** Creates a task in the dev user's workspace and returns its gid. */
    String newTask() {
        JsonNode me = read(send(request("/users/me").GET()));
        String workspace = me.get("data").get("workspaces").get(0).get("gid").asText();
        String body = "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"t\"}}";
        JsonNode task = read(send(request("/tasks").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
        return task.get("data").get("gid").asText();
    }

    /** Uploads bytes to a parent without the CLI and returns the attachment's gid. */
    String upload(String parent, String fileName, byte[] content) {
        String boundary = "b-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + parent + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode created = read(send(request("/attachments")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
        return created.get("data").get("gid").asText();
    }

    /** The status of {@code GET /attachments/{gid}}: 200 while it exists, 404 once deleted. */
    int status(String attachmentGid) {
        return send(request("/attachments/" + attachmentGid).GET()).statusCode();
    }

    /** Bytes of attachment content the server has sent so far, from {@code /metrics}. */
    long downloadedBytes() {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(app.baseUri() + "/metrics")).GET());
        return metrics.body().lines()
                .filter(l -> l.startsWith("attache_download_bytes_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Requests with {@code method} the server has answered so far, from {@code /metrics}. */
    long requests(String method) {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(app.baseUri() + "/metrics")).GET());
        return metrics.body().lines()
                .filter(l -> l.startsWith("attache_http_requests_seconds_count") && l.contains("method=\"" + method + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The names of a parent's attachments, oldest first. */
    java.util.List<String> names(String parent) {
        JsonNode page = read(send(request("/attachments?parent=" + parent + "&opt_fields=name").GET()));
        java.util.List<String> names = new java.util.ArrayList<>();
        page.get("data").forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api() + path)).header("Authorization", "Bearer " + token());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().uri().getPath() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }

    /** {@code n} bytes that differ from test to test but are the same on every run. */
    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }
}
