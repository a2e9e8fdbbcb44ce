package dev.attache.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.ratelimit.RateLimits;

/**
 * A real server on an ephemeral port over a temporary data directory, and a {@code java.net.http}
 * client to talk to it with the dev token.
 */
public final class TestServer implements AutoCloseable {

    private final App app;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String token;

    private TestServer(App app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
        this.token = app.devToken();
    }

    /** A server with no rate limits (tests of the limits configure their own). */
    public static TestServer start(Path dataDir) {
        return start(dataDir, c -> c);
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> customize) {
        ServerConfig config = customize.apply(ServerConfig.builder(dataDir).forTests().rateLimits(RateLimits.NONE)).build();
        try {
            return new TestServer(App.start(config), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Path dataDir, BlobStore blobs) {
        try {
            return new TestServer(App.start(ServerConfig.builder(dataDir).forTests().rateLimits(RateLimits.NONE).build(), blobs), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public App app() {
        return app;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String token() {
        return token;
    }

    public URI api(String pathAndQuery) {
        return URI.create(app.apiBaseUri() + pathAndQuery);
    }

    public URI root(String pathAndQuery) {
        return URI.create(app.baseUri() + pathAndQuery);
    }

    /** An authorized GET under /api/1.0. */
    public Reply get(String pathAndQuery) {
        return send(authorized(api(pathAndQuery)).GET().build());
    }

    public Reply delete(String pathAndQuery) {
        return send(authorized(api(pathAndQuery)).DELETE().build());
    }

    public Reply postJson(String pathAndQuery, String json) {
        return send(authorized(api(pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply upload(String pathAndQuery, Multipart form) {
        return send(authorized(api(pathAndQuery)).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());
    }

    /** A request builder carrying the dev token. */
    public HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    /** The dev user's gid. */
    public long devUserGid() {
        return Long.parseLong(get("/users/me").data().path("gid").asText());
    }

    /** The dev user's workspace gid. */
    public String workspaceGid() {
        return get("/users/me").data().path("workspaces").path(0).path("gid").asText();
    }

    /** A new task in the dev workspace; its gid. */
    public String createTask(String name) {
        return create("/tasks", "{\"data\":{\"workspace\":\"" + workspaceGid() + "\",\"name\":\"" + name + "\"}}");
    }

    public String createProject(String name) {
        return create("/projects", "{\"data\":{\"workspace\":\"" + workspaceGid() + "\",\"name\":\"" + name + "\"}}");
    }

    public String createBrief(String projectGid, String title) {
        return create("/projects/" + projectGid + "/project_briefs", "{\"data\":{\"title\":\"" + title + "\",\"text\":\"t\"}}");
    }

    private String create(String path, String json) {
        Reply r = postJson(path, json);
        if (r.status() != 201) {
            throw new AssertionError("could not create " + path + ": " + r);
        }
        return r.data().get("gid").asText();
    }

    /** Uploads bytes to a parent; the created record. */
    public Reply uploadFile(String parentGid, String filename, byte[] content) {
        return upload("/attachments", Multipart.form().field("parent", parentGid).file(filename, "text/plain", content));
    }

    @Override
    public void close() {
        app.close();
    }
}
