package dev.attache.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty answers some bad requests before Javalin sees them: a header over the size limit (431), a
 * malformed request line or URI (400). This makes those answers Asana's JSON envelope too, instead of
 * Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private final Json json;

    public JsonErrorHandler(Json json) {
        this.json = json;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(ApiHeaders.CONTENT_TYPE);
        fields.put(ApiHeaders.NOSNIFF);
        return ByteBuffer.wrap(json.bytes(Json.errorBody(messageFor(status, reason), null)));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) throws IOException {
        response.getHeaders().put(ApiHeaders.CONTENT_TYPE);
        response.getHeaders().put(ApiHeaders.NOSNIFF);
        if (code == HttpStatus.BAD_REQUEST_400) {
            // Jetty ends the connection after a request it refused this early (a URI with an encoded NUL,
            // say) but would not say so; a client reusing the connection would lose its next request.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        byte[] body = json.bytes(Json.errorBody(messageFor(code, message), null));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String messageFor(int status, String reason) {
        return switch (status) {
            case 431 -> "Request header fields too large";
            case 414 -> "Request URI too long";
            case 404 -> "No matching route for request";
            default -> {
                String standard = HttpStatus.getMessage(status);
                yield reason == null || reason.isBlank() ? standard : standard + ": " + reason;
            }
        };
    }
}
