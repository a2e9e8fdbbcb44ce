package dev.attache.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on loopback in front of a real server: it forwards each request whole and answers with
 * the server's answer, and keeps what the client sent (method, target, headers, body), so a test can
 * check the requests themselves. Bodies are held in memory: for small requests only.
 */
public final class RecordingProxy implements AutoCloseable {

    /** Set by the JDK's client itself or hop-by-hop; not the caller's to forward. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /** One request as the client sent it. */
    public record Sent(String method, URI target, Map<String, List<String>> headers, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** A proxy to {@code target} (scheme, host and port; the path of each request is kept). */
    public RecordingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** Where clients send requests: {@code http://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What was sent so far, in order of arrival. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            URI requested = exchange.getRequestURI();
            sent.add(new Sent(exchange.getRequestMethod(), requested, Map.copyOf(exchange.getRequestHeaders()), body));
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(requested.getRawPath()
                    + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
