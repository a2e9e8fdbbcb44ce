package dev.attache.server.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http.HttpField;

/**
 * A complete response from a {@link DirectRoute}: what {@link DirectRoutes} writes, and what the
 * access line names it by.
 *
 * @param status the status code
 * @param headers every header but {@code X-Request-Id} and {@code Content-Length}, which are added on writing
 * @param body the whole body
 * @param route the route pattern for the access line and metrics, such as
 *     {@code /api/1.0/attachments/{attachment_gid}}, never the raw path
 * @param written run once the body has gone, or failed to go (to release a pooled buffer)
 */
public record DirectAnswer(int status, List<HttpField> headers, ByteBuffer body, String route, Runnable written) {

    public DirectAnswer {
        headers = List.copyOf(headers);
    }

    /** A JSON body with the API's headers ({@link ApiHeaders}). */
    public static DirectAnswer json(int status, byte[] body, String route) {
        return new DirectAnswer(status, List.of(ApiHeaders.CONTENT_TYPE, ApiHeaders.NOSNIFF, Compression.VARY),
                ByteBuffer.wrap(body), route, () -> { });
    }

    /** Asana's error envelope for a refusal, with {@code Retry-After} where it applies, as {@link ErrorMapping} writes it. */
    public static DirectAnswer error(ApiException e, Json json, String route) {
        List<HttpField> headers = new ArrayList<>(List.of(ApiHeaders.CONTENT_TYPE, ApiHeaders.NOSNIFF, Compression.VARY));
        if (e.retryAfterSeconds() > 0) {
            headers.add(new HttpField("Retry-After", Long.toString(e.retryAfterSeconds())));
        }
        return new DirectAnswer(e.status(), headers, ByteBuffer.wrap(json.bytes(Json.errorBody(e.getMessage(), null))), route,
                () -> { });
    }
}
