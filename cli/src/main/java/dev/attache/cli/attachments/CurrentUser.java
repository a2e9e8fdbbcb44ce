package dev.attache.cli.attachments;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.client.AsanaApiException;
import dev.attache.client.AsanaError;
import dev.attache.client.AsanaTransportException;
import dev.attache.client.ErrorResponse;

/**
 * Who a token signs in as: {@code GET /users/me}, which every Asana-compatible server answers for any
 * valid token. The Attachments client has no such call (it covers attachments alone), so this one
 * request is made with the JDK's HTTP client, trusting the connection's CA file as the client would.
 *
 * @param gid   the user's gid
 * @param name  the user's name
 * @param email the user's email, or null when the server sends none
 */
record CurrentUser(String gid, String name, @Nullable String email) {

    private static final String PATH = "/users/me";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Asks the server who {@code connection}'s token belongs to.
     *
     * @throws CommandFailedException when the server cannot be reached, refuses the token or answers
     *     with anything but the user
     */
    static CurrentUser of(Connection connection) {
        Preflight.check(connection);
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (connection.caFile() != null) {
            client.sslContext(Connector.sslContext(connection.caFile()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(connection.baseUri() + PATH))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + connection.token())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.build().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CommandFailedException(Failures.explain(new AsanaTransportException("GET", PATH, e), connection));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException(Failures.explain(new IllegalStateException("interrupted"), connection));
        }
        JsonNode body = json(response.body());
        if (response.statusCode() != 200) {
            throw new CommandFailedException(Failures.explain(AsanaApiException.of(new ErrorResponse("GET", PATH,
                    response.statusCode(), errors(body), null, response.headers().firstValue("X-Request-Id").orElse(null))),
                    connection));
        }
        JsonNode data = body.path("data");
        if (!data.path("gid").isTextual()) {
            throw new CommandFailedException(Failures.explain(new IllegalStateException(connection.baseUri() + PATH
                    + " answered 200 without a user; is " + connection.baseUri() + " an Asana-compatible API root?"), connection));
        }
        String email = data.path("email").isTextual() ? data.path("email").asText() : null;
        return new CurrentUser(data.path("gid").asText(), data.path("name").asText(""), email);
    }

    /** The user as a person recognises them: {@code Ada (ada@example.com)}, or the gid when nameless. */
    String described() {
        String who = name.isBlank() ? "user " + gid : name;
        return email == null || email.isBlank() ? who : who + " (" + email + ")";
    }

    private static JsonNode json(byte[] body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return new ObjectMapper().createObjectNode();
        }
    }

    private static List<AsanaError> errors(JsonNode body) {
        List<AsanaError> errors = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            if (e.path("message").isTextual()) {
                errors.add(new AsanaError(e.path("message").asText(), text(e, "help"), text(e, "phrase")));
            }
        }
        return errors;
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
