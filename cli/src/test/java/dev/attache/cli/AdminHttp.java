package dev.attache.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few API calls the admin tests make against a real server, over java.net.http. */
final class AdminHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI api;

    AdminHttp(URI api) {
        this.api = api;
    }

    /** The status of {@code GET /users/me} with a token. */
    int usersMe(String token) {
        return send(HttpRequest.newBuilder(URI.create(api + "/users/me")).header("Authorization", "Bearer " + token).build())
                .statusCode();
    }

    /** Uploads a file to a task and returns the new attachment's gid. */
    String upload(String token, String taskGid, String fileName, byte[] content) {
        String boundary = "attache-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"parent\"\r\n\r\n" + taskGid + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(api + "/attachments"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
        if (response.statusCode() != 200) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode json = new ObjectMapper().readTree(response.body());
            return json.get("data").get("gid").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
