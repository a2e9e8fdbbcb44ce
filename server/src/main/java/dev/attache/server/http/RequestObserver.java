package dev.attache.server.http;

import org.eclipse.jetty.ee10.servlet.ServletContextResponse;

import io.javalin.http.Context;

/**
 * Told of every request once its response is complete, whichever path answered it: the access line
 * and the request metrics hang off this one call.
 */
@FunctionalInterface
public interface RequestObserver {

    /**
     * One finished request.
     *
     * @param method the HTTP method
     * @param route the matched route pattern, or {@code unmatched}; never the raw URL
     * @param status the status sent
     * @param nanos how long it took
     * @param bytesIn the request body's declared length, 0 when none
     * @param bytesOut the body bytes written, or -1 when unknown
     * @param requestId the {@code X-Request-Id} sent, or {@code -}
     */
    void finished(String method, String route, int status, long nanos, long bytesIn, long bytesOut, String requestId);

    /** The same for a request the framework answered. */
    default void finished(Context ctx, float millis) {
        finished(ctx.method().name(), AccessLog.route(ctx), ctx.statusCode(), (long) (millis * 1_000_000),
                Math.max(0, ctx.req().getContentLengthLong()), bytesOut(ctx), RequestIds.of(ctx));
    }

    private static long bytesOut(Context ctx) {
        try {
            return ServletContextResponse.getServletContextResponse(ctx.res()).getHttpOutput().getWritten();
        } catch (RuntimeException notJetty) {
            return -1;
        }
    }
}
