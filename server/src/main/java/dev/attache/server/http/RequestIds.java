package dev.attache.server.http;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every response an {@code X-Request-Id} header, set before any handler runs, so a client's
 * error message and the server's access line can be matched. Random, not secret: it only names a
 * request.
 */
public final class RequestIds {

    /** The response header that carries the id. */
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }

    /** Stamps a fresh id on the response; registered as the first before-handler. */
    public static void assign(Context ctx) {
        ctx.header(HEADER, next());
    }

    /** A fresh id. */
    public static String next() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** The id this response carries, or {@code -} when none was set (Jetty answered on its own). */
    public static String of(Context ctx) {
        String id = ctx.res().getHeader(HEADER);
        return id == null ? "-" : id;
    }
}
