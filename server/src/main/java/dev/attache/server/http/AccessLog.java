package dev.attache.server.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;

/**
 * One line per request: method, route, status, milliseconds, bytes in and out, and the
 * {@code X-Request-Id} the response carried. The route is the
 * matched pattern ({@code /api/1.0/attachments/{attachment_gid}}), never the raw URL, so tokens, URL
 * signatures and offset tokens in query strings cannot reach the log.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.attache.access");

    private AccessLog() {
    }

    /** Logs one finished request; see {@link RequestObserver#finished} for the values. */
    public static void log(String method, String route, int status, long nanos, long bytesIn, long bytesOut, String requestId) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {}ms in={} out={} id={}", method, route, status, Math.round(nanos / 1e6), bytesIn, bytesOut,
                    requestId);
        }
    }

    /** The matched route pattern, or {@code unmatched} for a path no route answers. */
    public static String route(Context ctx) {
        try {
            String path = ctx.endpoint().path;
            return path.isEmpty() ? "unmatched" : path;
        } catch (RuntimeException none) {
            return "unmatched";
        }
    }
}
