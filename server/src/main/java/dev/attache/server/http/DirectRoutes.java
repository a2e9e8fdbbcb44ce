package dev.attache.server.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the hottest GET routes on Jetty's core API, in front of the framework, and hands every other
 * request on to it (the wrapped handler). Why: on two cores, Jetty's servlet layer and Javalin's
 * routing cost about as much as the route's own work for a small answer (docs/benchmarks.md, "GET one
 * attachment"). The framework still owns every route: a {@link DirectRoute} answers only what it
 * can answer exactly as the framework route would, and the contract tests run both paths
 * ({@code DirectRoutesTest} compares their answers). Whatever path answers, the response carries an
 * {@code X-Request-Id} and the request reaches the same {@link RequestObserver}.
 */
public final class DirectRoutes extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(DirectRoutes.class);

    private final List<DirectRoute> routes;
    private final RequestObserver observer;
    private final Json json;
    private final LongAdder answered = new LongAdder();

    public DirectRoutes(List<DirectRoute> routes, RequestObserver observer, Json json) {
        this.routes = List.copyOf(routes);
        this.observer = observer;
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.GET.is(request.getMethod()) && !declaresBody(request)) {
            long start = System.nanoTime();
            String path = request.getHttpURI().getPath();
            for (DirectRoute route : routes) {
                if (path.startsWith(route.pathPrefix())) {
                    DirectAnswer answer = answer(route, request);
                    if (answer != null) {
                        answered.increment();
                        send(answer, response, callback, start);
                        return true;
                    }
                    break;
                }
            }
        }
        return super.handle(request, response, callback);
    }

    /** How many requests a direct route has answered, for tests and diagnostics: the two paths look alike from outside. */
    public long answered() {
        return answered.sum();
    }

    /** A GET with a body is odd enough to leave to the framework, which reads or discards it. */
    private static boolean declaresBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private DirectAnswer answer(DirectRoute route, Request request) {
        try {
            return route.answer(request);
        } catch (Exception e) {
            Optional<ApiException> unavailable = ErrorMapping.unavailable(e);
            if (unavailable.isPresent()) {
                // The framework route would wait for the same dependency again, and then answer this.
                LOG.warn("503 on GET {}: {}", request.getHttpURI().getPath(), e.getMessage());
                return DirectAnswer.error(unavailable.get(), json, route.pathPrefix() + "*");
            }
            // The framework route answers instead, with its own error handling (a 500's incident phrase, say).
            LOG.debug("direct route declined after {}", e.toString());
            return null;
        }
    }

    private void send(DirectAnswer answer, Response response, Callback callback, long start) {
        String id = RequestIds.next();
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(RequestIds.HEADER, id);
        for (HttpField field : answer.headers()) {
            headers.put(field);
        }
        int length = answer.body().remaining();
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        response.write(true, answer.body(), Callback.from(() -> {
            answer.written().run();
            callback.succeeded();
            observer.finished("GET", answer.route(), answer.status(), System.nanoTime() - start, 0, length, id);
        }, failure -> {
            answer.written().run();
            callback.failed(failure);
            observer.finished("GET", answer.route(), answer.status(), System.nanoTime() - start, 0, -1, id);
        }));
    }
}
