package dev.attache.server.ops;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The server's Micrometer meters, exposed in Prometheus format at {@code /metrics}. Thread-safe. */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger uploadsInFlight = new AtomicInteger();
    private final ConcurrentMap<RequestKey, Timer> timers = new ConcurrentHashMap<>();
    private final Counter bytesIn;
    private final Counter bytesOut;

    public ServerMetrics() {
        registry.gauge("attache.uploads.in.flight", uploadsInFlight);
        bytesIn = Counter.builder("attache.upload.bytes").description("bytes of uploaded files stored").register(registry);
        bytesOut = Counter.builder("attache.download.bytes").description("bytes of files served").register(registry);
    }

    /** Records one finished HTTP request. */
    public void request(String method, String route, int status, Duration elapsed) {
        timers.computeIfAbsent(new RequestKey(method, route, status), this::timer).record(elapsed);
    }

    /** Routes are patterns and statuses few, so there are few timers; looking one up is cheaper than building its id. */
    private record RequestKey(String method, String route, int status) {
    }

    private Timer timer(RequestKey key) {
        return Timer.builder("attache.http.requests")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .register(registry);
    }

    public void uploadStarted() {
        uploadsInFlight.incrementAndGet();
    }

    public void uploadFinished() {
        uploadsInFlight.decrementAndGet();
    }

    public void uploadedBytes(long n) {
        bytesIn.increment(n);
    }

    public void downloadedBytes(long n) {
        bytesOut.increment(n);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
