package dev.attache.server.http;

import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * A hot route answered on Jetty's core API, ahead of the framework (see {@link DirectRoutes}). It
 * answers only the requests it can answer exactly as the framework route would, and leaves the rest
 * to that route by returning null.
 */
public interface DirectRoute {

    /** The start of the paths this route looks at, such as {@code /download/}. */
    String pathPrefix();

    /**
     * The whole answer to a GET request under {@link #pathPrefix()}, or null to leave it to the
     * framework. Declining is only allowed before anything has changed, since the framework then
     * handles the same request from the start: a route that must answer after changing state (a
     * rate-limit refusal counts against the quota, for instance) answers with
     * {@link DirectAnswer#error}. The one exception is an admission through the API gate, which a
     * route may hand over with the request so that the framework route runs under it instead of
     * taking another. A route that throws declines as well, unless the failure says the
     * database or the blob store does not answer: then the answer is the framework's 503 at once, not
     * after a second wait for the same dependency.
     *
     * @param request the request, whose body is not read
     * @return the answer, or null
     */
    @Nullable DirectAnswer answer(Request request) throws Exception;
}
