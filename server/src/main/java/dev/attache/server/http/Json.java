package dev.attache.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import io.javalin.http.Context;

/**
 * Reads request bodies and writes Asana envelopes, compact or pretty ({@code opt_pretty}).
 * Thread-safe; one instance serves the whole server.
 */
public final class Json {

    /** Request bodies of the directory routes are small; anything larger is refused, not buffered. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper mapper;
    private final ObjectWriter compact;
    private final ObjectWriter pretty;
    private final RequestBodies bodies;

    /** @param bodies opens the bodies {@link #readData} reads */
    public Json(RequestBodies bodies) {
        this.bodies = bodies;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.compact = mapper.writer();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        this.pretty = mapper.writer(printer).with(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes {@code {"data": data}} with the given status. */
    public void data(Context ctx, int status, Object data) {
        write(ctx, status, Map.of("data", data));
    }

    /** Writes the Asana error envelope; {@code phrase} only for 500s. */
    public void error(Context ctx, int status, String message, String phrase) {
        write(ctx, status, errorBody(message, phrase));
    }

    /** The error envelope as a map, for writers outside Javalin. */
    public static Map<String, Object> errorBody(String message, String phrase) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("help", ErrorMapping.HELP);
        if (phrase != null) {
            error.put("phrase", phrase);
        }
        return Map.of("errors", List.of(error));
    }

    /** Writes any body as JSON, pretty when the request asked for {@code opt_pretty}. */
    public void write(Context ctx, int status, Object body) {
        send(ctx, status, bytes(ctx, body));
    }

    /**
     * The bytes of {@code {"data": data}} as this request wants them, for a route that must have its
     * answer ready before it commits anything.
     */
    public byte[] dataBytes(Context ctx, Object data) {
        return bytes(ctx, Map.of("data", data));
    }

    /**
     * Sends a body already rendered by {@link #dataBytes}; cannot fail on the body's account. A body
     * that fits the response buffer goes straight into it, through the same (compressing) stream that
     * Javalin would copy a result into: Javalin's copy allocates a 32 KiB array per response. Larger
     * bodies, whose writes reach the socket, stay with Javalin, which handles a client that went away.
     */
    public void send(Context ctx, int status, byte[] body) {
        ctx.status(status);
        ApiHeaders.set(ctx);
        if (body.length > ctx.res().getBufferSize()) {
            ctx.result(body);
            return;
        }
        try {
            ctx.outputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(Context ctx, Object body) {
        try {
            return writer(ctx).writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of a body with no request at hand (Jetty's own error pages). */
    public byte[] bytes(Object body) {
        try {
            return compact.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectWriter writer(Context ctx) {
        return RequestParams.prettyRequested(ctx) ? pretty : compact;
    }

    /**
     * Parses a JSON request body wrapped in {@code {"data": {...}}}, as Asana requires.
     *
     * @throws ApiException 400 when the body is not JSON, too large, or not wrapped
     */
    public JsonNode readData(Context ctx) {
        JsonNode root;
        try (InputStream in = bodies.open(ctx)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw ApiException.tooLarge("Request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            root = body.length == 0 ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Could not parse request data, invalid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("Could not read the request body");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("Request data must be a JSON object wrapped in {\"data\": {...}}");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest(
                    "data: Missing input. Wrap the request body in a \"data\" object: {\"data\": {...}}");
        }
        return data;
    }
}
