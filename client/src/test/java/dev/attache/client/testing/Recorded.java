package dev.attache.client.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** A request as the server saw it; {@code body} is empty when the action did not read it. */
public record Recorded(String method, String target, Map<String, String> headers, byte[] body, long bodyLength) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
