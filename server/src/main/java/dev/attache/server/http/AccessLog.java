package dev.attache.server.http;

import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
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

    /** Logs one finished request. */
    public static void log(Context ctx, float millis) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {}ms in={} out={} id={}", ctx.method(), route(ctx), ctx.statusCode(),
                    Math.round(millis), Math.max(0, ctx.req().getContentLengthLong()), bytesOut(ctx),
                    RequestIds.of(ctx));
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

    private static long bytesOut(Context ctx) {
        try {
            return ServletContextResponse.getServletContextResponse(ctx.res()).getHttpOutput().getWritten();
        } catch (RuntimeException notJetty) {
            return -1;
        }
    }
}
