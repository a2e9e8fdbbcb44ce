package dev.attache.server.http;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * The one place failures become Asana's error envelope. {@link ApiException} carries its own status
 * and message; Javalin's own responses (no route, for instance) are reshaped to match; anything else
 * is a 500 whose incident phrase is logged with the stack trace.
 */
public final class ErrorMapping {

    /** One sentence pointing to the error documentation, as Asana's {@code help} field does. */
    public static final String HELP =
            "For more information on API status codes and how to handle them, read the docs on errors: "
                    + "https://developers.asana.com/docs/errors";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private final Json json;
    private final IncidentPhrases phrases;
    private final RequestBodies bodies;

    public ErrorMapping(Json json, IncidentPhrases phrases, RequestBodies bodies) {
        this.json = json;
        this.phrases = phrases;
        this.bodies = bodies;
    }

    /** Registers the handlers on a Javalin configuration. */
    public void register(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> apiFailure(e, ctx));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> javalinResponse(e, ctx));
        config.routes.exception(BadMessageException.class, (e, ctx) -> jettyRefusal(e, ctx));
        config.routes.exception(Exception.class, (e, ctx) -> unexpected(e, ctx));
    }

    private void apiFailure(ApiException e, Context ctx) {
        // A body too slow (408) or too large (413) is the refusal's reason: reading more of it helps no one.
        if (e.status() != 408 && e.status() != 413) {
            bodies.discardRest(ctx);
        }
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        json.error(ctx, e.status(), e.getMessage(), null);
    }

    private void javalinResponse(HttpResponseException e, Context ctx) {
        bodies.discardRest(ctx);
        int status = e.getStatus();
        String message = status == 404 || status == 405 ? ApiException.noRoute().getMessage() : e.getMessage();
        json.error(ctx, status, message, null);
    }

    /** Jetty refusing a request mid-read, such as a body arriving below the minimum data rate (408). */
    private void jettyRefusal(BadMessageException e, Context ctx) {
        int status = e.getCode();
        String standard = HttpStatus.getMessage(status);
        String reason = e.getReason();
        json.error(ctx, status, reason == null || reason.isBlank() ? standard : standard + ": " + reason, null);
    }

    private void unexpected(Exception e, Context ctx) {
        String phrase = phrases.next();
        LOG.error("500 on {} {} [{}]: {}", ctx.method(), AccessLog.route(ctx), phrase, e.getMessage(), e);
        json.error(ctx, 500, "Server Error", phrase);
    }
}
