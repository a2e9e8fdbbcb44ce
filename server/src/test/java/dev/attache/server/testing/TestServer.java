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
import dev.attache.server.embedded.EmbeddedServer;

/**
 * The HTTP side of a test against a real server: a {@code java.net.http} client that talks to an
 * {@link EmbeddedServer} with the dev token. The server runs as {@code attache serve} does, without test
 * controls, and with no rate limits (tests of the limits configure their own); starting it and seeding
 * tasks, projects and briefs are the {@link EmbeddedServer}'s.
 */
public final class TestServer implements AutoCloseable {

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    /** A server over a data directory. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, c -> c);
    }

    /** A server over a data directory, with settings beyond the defaults. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig.Builder> customize) {
        return new TestServer(EmbeddedServer.builder().dataDir(dataDir).withoutTestControls().configure(customize).start());
    }

    /** A server with its test controls on, so a test can inject faults ({@link EmbeddedServer#faults()}). */
    public static TestServer withTestControls(Path dataDir) {
        return new TestServer(EmbeddedServer.builder().dataDir(dataDir).start());
    }

    /** A server whose bytes go through {@code blobs}. */
    public static TestServer start(Path dataDir, BlobStore blobs) {
        return new TestServer(EmbeddedServer.builder().dataDir(dataDir).withoutTestControls().blobs(blobs).start());
    }

    /** The server underneath. */
    public EmbeddedServer embedded() {
        return server;
    }

    public App app() {
        return server.app();
    }

    public Path dataDir() {
        return server.dataDir();
    }

    public String token() {
        return server.token();
    }

    public URI api(String pathAndQuery) {
        return URI.create(server.apiBaseUri() + pathAndQuery);
    }

    public URI root(String pathAndQuery) {
        return URI.create(server.baseUri() + pathAndQuery);
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
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + server.token());
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
        return Long.parseLong(server.userGid());
    }

    /** The dev user's workspace gid. */
    public String workspaceGid() {
        return server.workspaceGid();
    }

    /** A new task in the dev workspace; its gid. */
    public String createTask(String name) {
        return server.createTask(name);
    }

    public String createProject(String name) {
        return server.createProject(name);
    }

    public String createBrief(String projectGid, String title) {
        return server.createBrief(projectGid, title);
    }

    /** Uploads bytes to a parent; the created record. */
    public Reply uploadFile(String parentGid, String filename, byte[] content) {
        return upload("/attachments", Multipart.form().field("parent", parentGid).file(filename, "text/plain", content));
    }

    @Override
    public void close() {
        server.close();
    }
}
