package dev.attache.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import dev.attache.server.http.Json;
import io.javalin.config.JavalinConfig;

/**
 * {@code /health}, the probes {@code /health/live} and {@code /health/ready}, and {@code /metrics}
 * (docs/api.md §8), outside {@code /api/1.0} and without a token. The dependency checks answer within
 * {@link DependencyCheck#DEFAULT_BOUND}, so a probe never hangs on a dead database or blob store.
 */
public final class OpsRoutes {

    private final ServerMetrics metrics;
    private final DependencyCheck database;
    private final DependencyCheck blobs;
    private final BooleanSupplier draining;
    private final Json json;

    /**
     * @param database whether the database answers; may block
     * @param blobs    whether the blob store answers; may block
     * @param draining whether this node is draining (stopping gracefully)
     * @param checks   runs the dependency checks
     */
    public OpsRoutes(ServerMetrics metrics, BooleanSupplier database, BooleanSupplier blobs, BooleanSupplier draining,
            Executor checks, Json json) {
        this.metrics = metrics;
        this.database = new DependencyCheck(database, checks, DependencyCheck.DEFAULT_BOUND);
        this.blobs = new DependencyCheck(blobs, checks, DependencyCheck.DEFAULT_BOUND);
        this.draining = draining;
        this.json = json;
    }

    /** What the dependency checks said. */
    private record Dependencies(boolean database, boolean blobStore) {
    }

    /** Both checks at once, so that two dead dependencies cost one bound, not two. */
    private Dependencies check() {
        CompletableFuture<Boolean> db = database.start();
        CompletableFuture<Boolean> store = blobs.start();
        long deadline = System.nanoTime() + database.bound().toNanos();
        return new Dependencies(DependencyCheck.await(db, deadline), DependencyCheck.await(store, deadline));
    }

    public void register(JavalinConfig config) {
        config.routes.get("/health", ctx -> {
            Dependencies deps = check();
            boolean db = deps.database();
            boolean store = deps.blobStore();
            json.write(ctx, db && store ? 200 : 503, Map.of(
                    "status", db && store ? "ok" : "unavailable",
                    "database", db ? "ok" : "unavailable",
                    "blob_store", store ? "ok" : "unavailable"));
        });
        // Only the process itself: a dependency's outage must not make an orchestrator restart every node.
        config.routes.get("/health/live", ctx -> json.write(ctx, 200, Map.of("status", "ok")));
        config.routes.get("/health/ready", ctx -> {
            boolean drain = draining.getAsBoolean();
            Dependencies deps = check();
            boolean db = deps.database();
            boolean store = deps.blobStore();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", drain ? "draining" : db && store ? "ok" : "unavailable");
            body.put("database", db ? "ok" : "unavailable");
            body.put("blob_store", store ? "ok" : "unavailable");
            body.put("draining", drain);
            json.write(ctx, !drain && db && store ? 200 : 503, body);
        });
        config.routes.get("/metrics", ctx -> {
            ctx.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics.scrape());
        });
    }
}
