package dev.attache.server.testing;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A response as a test sees it: status, headers, body. */
public record Reply(int status, HttpHeaders headers, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + status + "): " + text(), e);
        }
    }

    /** {@code data} of a success envelope. */
    public JsonNode data() {
        return json().get("data");
    }

    /** The single {@code errors[0].message}. */
    public String errorMessage() {
        return json().path("errors").path(0).path("message").asText(null);
    }

    /** All {@code errors[].message} values. */
    public List<String> errorMessages() {
        List<String> out = new ArrayList<>();
        json().path("errors").forEach(e -> out.add(e.path("message").asText()));
        return out;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return "Reply[" + status + " " + text() + "]";
    }
}
