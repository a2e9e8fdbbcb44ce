package dev.attache.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.client.ParentGid;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Creates parents on the real server through its directory routes (docs/api.md §5). */
public final class Directory {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI api;
    private final String token;
    private final String workspace;

    public Directory(URI api, String token) throws IOException, InterruptedException {
        this.api = api;
        this.token = token;
        this.workspace = call("GET", "/users/me", null).path("data").path("workspaces").path(0).path("gid").asText();
    }

    public ParentGid task(String name) throws IOException, InterruptedException {
        return gidOf(call("POST", "/tasks", "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"" + name + "\"}}"));
    }

    public ParentGid project(String name) throws IOException, InterruptedException {
        return gidOf(call("POST", "/projects", "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"" + name + "\"}}"));
    }

    public ParentGid projectBrief(String title) throws IOException, InterruptedException {
        ParentGid project = project("for " + title);
        return gidOf(call("POST", "/projects/" + project.value() + "/project_briefs",
                "{\"data\":{\"title\":\"" + title + "\",\"text\":\"t\"}}"));
    }

    private static ParentGid gidOf(JsonNode response) {
        return ParentGid.of(response.path("data").path("gid").asText());
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
