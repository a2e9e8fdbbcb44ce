package dev.attache.storage.s3.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.storage.StorageContext;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.storage.s3.S3BlobStore;
import dev.attache.storage.s3.S3Settings;

/**
 * One node of a test cluster in this JVM: a real {@link App} on the cluster profile over a shared
 * PostgreSQL database and S3 bucket, with a small HTTP client that presents a given token.
 */
final class ClusterNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final App app;
    private final Path dataDir;
    private volatile String token;

    private ClusterNode(App app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
    }

    /** Starts a node; {@code rateLimits} as the operator would give every node. */
    static ClusterNode start(Path dataDir, PostgresUrl database, String blobStore, URI s3Endpoint, RateLimits rateLimits) {
        ServerConfig config = ServerConfig.builder(dataDir).forTests().rateLimits(rateLimits)
                .database(database).blobStore(URI.create(blobStore)).build();
        StorageContext context = StorageContext.defaults().withBlobStores(location ->
                S3BlobStore.open(S3Settings.resolve(location.toString(), s3Endpoint.toString(), "us-east-1", Map.of())));
        try {
            return new ClusterNode(App.start(config, context), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    App app() {
        return app;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Uses this token from now on. */
    ClusterNode as(String value) {
        token = value;
        return this;
    }

    /** The token this node's requests present. */
    String token() {
        return token;
    }

    URI api(String pathAndQuery) {
        return URI.create(app.apiBaseUri() + pathAndQuery);
    }

    Reply get(String pathAndQuery) {
        return send(authorized(api(pathAndQuery)).GET().build());
    }

    Reply delete(String pathAndQuery) {
        return send(authorized(api(pathAndQuery)).DELETE().build());
    }

    Reply postJson(String pathAndQuery, String json) {
        return send(authorized(api(pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply upload(String parent, String name, byte[] content) {
        Multipart form = Multipart.form().field("parent", parent).file(name, "application/octet-stream", content);
        return send(authorized(api("/attachments")).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());
    }

    String createTask(String name) {
        String workspace = get("/workspaces").data().path(0).path("gid").asText();
        Reply r = postJson("/tasks", "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"" + name + "\"}}");
        if (r.status() != 201) {
            throw new AssertionError("could not create a task: " + r);
        }
        return r.data().get("gid").asText();
    }

    /** A URL as this node would serve it: another node's URL with this node's scheme, host and port. */
    URI onThisNode(String url) {
        URI other = URI.create(url);
        return URI.create(app.baseUri() + other.getRawPath() + (other.getRawQuery() == null ? "" : "?" + other.getRawQuery()));
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        app.close();
    }
}
