package dev.attache.server.http;

import java.util.Optional;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.blob.BlobStoreUnavailableException;
import dev.attache.server.db.DatabaseUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * The one place failures become Asana's error envelope. {@link ApiException} carries its own status
 * and message; Javalin's own responses (no route, for instance) are reshaped to match; a failure caused
 * by a dependency that does not answer (the database or the blob store, wherever in the cause chain) is
 * a 503 with {@code Retry-After}; anything else is a 500 whose incident phrase is logged with the stack
 * trace.
 */
public final class ErrorMapping {

    /** One sentence pointing to the error documentation, as Asana's {@code help} field does. */
    public static final String HELP =
            "For more information on API status codes and how to handle them, read the docs on errors: "
                    + "https://developers.asana.com/docs/errors";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    /** Long enough for a database restart or a store's blip; a client retrying sooner would only be refused again. */
    static final long RETRY_UNAVAILABLE_AFTER_SECONDS = 3;

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

    /**
     * The 503 for a failure caused by the database or the blob store not answering, if it was; such a
     * request was valid and may succeed when sent again.
     */
    public static Optional<ApiException> unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return Optional.of(ApiException.busy("The database is temporarily unavailable. "
                        + "Please retry after the given amount of time.", RETRY_UNAVAILABLE_AFTER_SECONDS));
            }
            if (t instanceof BlobStoreUnavailableException) {
                return Optional.of(ApiException.busy("The blob store is temporarily unavailable. "
                        + "Please retry after the given amount of time.", RETRY_UNAVAILABLE_AFTER_SECONDS));
            }
        }
        return Optional.empty();
    }

    private void unexpected(Exception e, Context ctx) {
        Optional<ApiException> unavailable = unavailable(e);
        if (unavailable.isPresent()) {
            LOG.warn("503 on {} {}: {}", ctx.method(), AccessLog.route(ctx), e.getMessage());
            apiFailure(unavailable.get(), ctx);
            return;
        }
        String phrase = phrases.next();
        LOG.error("500 on {} {} [{}]: {}", ctx.method(), AccessLog.route(ctx), phrase, e.getMessage(), e);
        json.error(ctx, 500, "Server Error", phrase);
    }
}
