package dev.attache.server.auth;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Registers routes under {@code /api/1.0}, each behind the {@link ApiGate} that the direct routes pass
 * too: authenticate the bearer token, admit the request under the token's rate limits, check the
 * route's scope, and free the in-flight slot however the handler ends.
 */
public final class ApiRoutes {

    /** Every API path starts with this. */
    public static final String PREFIX = "/api/1.0";

    /** A route body that knows who is calling. */
    @FunctionalInterface
    public interface ApiHandler {
        void handle(Context ctx, Principal principal) throws Exception;
    }

    private final JavalinConfig config;
    private final ApiGate gate;

    public ApiRoutes(JavalinConfig config, ApiGate gate) {
        this.config = config;
        this.gate = gate;
    }

    /** A GET route needing {@code attachments:read} (or no scope when {@code scope} is null). */
    public void get(String path, Scope scope, ApiHandler handler) {
        add(HandlerType.GET, path, scope, handler);
    }

    /** A POST route. */
    public void post(String path, Scope scope, ApiHandler handler) {
        add(HandlerType.POST, path, scope, handler);
    }

    /** A DELETE route. */
    public void delete(String path, Scope scope, ApiHandler handler) {
        add(HandlerType.DELETE, path, scope, handler);
    }

    private void add(HandlerType method, String path, Scope scope, ApiHandler handler) {
        boolean write = method != HandlerType.GET;
        config.routes.addHttpHandler(method, PREFIX + path,
                ctx -> gate.pass(ctx, write, scope, principal -> handler.handle(ctx, principal)));
    }
}
