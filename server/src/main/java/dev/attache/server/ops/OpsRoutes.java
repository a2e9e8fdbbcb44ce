package dev.attache.server.ops;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.attache.server.http.Json;
import io.javalin.config.JavalinConfig;

/** {@code /health} and {@code /metrics} (docs/api.md §8), outside {@code /api/1.0} and without a token. */
public final class OpsRoutes {

    private final ServerMetrics metrics;
    private final BooleanSupplier database;
    private final BooleanSupplier blobs;
    private final Json json;

    public OpsRoutes(ServerMetrics metrics, BooleanSupplier database, BooleanSupplier blobs, Json json) {
        this.metrics = metrics;
        this.database = database;
        this.blobs = blobs;
        this.json = json;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/health", ctx -> {
            boolean db = database.getAsBoolean();
            boolean store = blobs.getAsBoolean();
            json.write(ctx, db && store ? 200 : 503, Map.of(
                    "status", db && store ? "ok" : "unavailable",
                    "database", db ? "ok" : "unavailable",
                    "blob_store", store ? "ok" : "unavailable"));
        });
        config.routes.get("/metrics", ctx -> {
            ctx.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics.scrape());
        });
    }
}
