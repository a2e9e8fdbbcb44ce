package dev.attache.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;
import dev.attache.testkit.AttacheServer;

/**
 * What the command tests set up and check on a testkit server without the command under test: uploads
 * through our client, and the raw status codes and {@code /metrics} counters over {@code java.net.http}.
 */
public final class ServerCalls {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final AttacheServer server;

    public ServerCalls(AttacheServer server) {
        this.server = server;
    }

    /** {@code n} bytes that differ from size to size but are the same on every run. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Uploads bytes to a parent as the developer; the attachment's gid. */
    public String upload(String parent, String fileName, byte[] content) {
        return upload(server.client(), parent, fileName, content);
    }

    /** Uploads bytes to a parent with a token of the test's; the attachment's gid. */
    public String upload(String token, String parent, String fileName, byte[] content) {
        try (AttachmentsApi client = server.client(token)) {
            return upload(client, parent, fileName, content);
        }
    }

    private static String upload(AttachmentsApi client, String parent, String fileName, byte[] content) {
        return client.createAttachmentForObject(ParentGid.of(parent), Upload.bytes(fileName, content)).join().gid().value();
    }

    /** The status of {@code GET /users/me} with a token. */
    public int usersMe(String token) {
        return send(api("/users/me", token)).statusCode();
    }

    /** The status of {@code GET /attachments/{gid}}: 200 while it exists, 404 once deleted. */
    public int status(String attachmentGid) {
        return send(api("/attachments/" + attachmentGid, server.token())).statusCode();
    }

    /** The names of a parent's attachments, oldest first. */
    public List<String> names(String parent) {
        HttpResponse<String> response = send(api("/attachments?parent=" + parent + "&opt_fields=name", server.token()));
        if (response.statusCode() != 200) {
            throw new AssertionError("listing answered " + response.statusCode() + ": " + response.body());
        }
        try {
            List<String> names = new ArrayList<>();
            json.readTree(response.body()).get("data").forEach((JsonNode a) -> names.add(a.get("name").asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of attachment content the server has sent so far, from {@code /metrics}. */
    public long downloadedBytes() {
        return metric("attache_download_bytes_total", "");
    }

    /** Requests with {@code method} the server has answered so far, from {@code /metrics}. */
    public long requests(String method) {
        return metric("attache_http_requests_seconds_count", "method=\"" + method + "\"");
    }

    private long metric(String name, String label) {
        String metrics = send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/metrics"))).body();
        return metrics.lines()
                .filter(l -> l.startsWith(name) && l.contains(label))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private HttpRequest.Builder api(String pathAndQuery, String token) {
        return HttpRequest.newBuilder(URI.create(server.apiBaseUri() + pathAndQuery)).header("Authorization", "Bearer " + token);
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
}
