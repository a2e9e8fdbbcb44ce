package dev.attache.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSession;

/**
 * A response assembled from what the body handler saw: status, headers and the finished body.
 *
 * <p>Why it exists: {@code HttpClient.send} wakes its caller only after the body has been handed
 * from the thread that read it to the thread blocked in {@code send}. A call of this client runs
 * {@code send} on a worker, so waiting for {@code send} to return costs one more thread hand-off
 * per call than a bare {@code send} does (measured in {@code bench/client-get.sh}). Completing the
 * call's future from the body subscriber instead lets the thread that finished reading the body
 * complete the call directly. It is safe to use the connection again by then: the JDK returns an
 * HTTP/1.1 connection to its pool before it completes the body subscriber. The body arrives on the
 * HTTP client's executor, never on its selector thread, so code chained on the call does not stall
 * the client's I/O.
 *
 * @param <T> the body type
 */
record ReceivedResponse<T>(HttpRequest request, ResponseInfo info, T body) implements HttpResponse<T> {

    /**
     * The handler's subscriber for one response, which also completes {@code result} with that
     * response once its body is complete. Failures are left to {@code send}, which reports them.
     *
     * @param result the future to complete early
     * @param request the request sent
     * @param info the response's status and headers
     * @param handler the body handler the caller chose
     * @param <T> the body type
     * @return the handler's own subscriber
     */
    static <T> BodySubscriber<T> completing(CompletableFuture<HttpResponse<T>> result, HttpRequest request,
            ResponseInfo info, BodyHandler<T> handler) {
        BodySubscriber<T> subscriber = handler.apply(info);
        subscriber.getBody().thenAccept(body -> result.complete(new ReceivedResponse<>(request, info, body)));
        return subscriber;
    }

    @Override
    public int statusCode() {
        return info.statusCode();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        // Not kept: the client's own HTTP client never follows redirects, and nothing reads this.
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return info.headers();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        // Nothing in the client reads the session; the JDK's own response would carry it.
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return info.version();
    }
}
