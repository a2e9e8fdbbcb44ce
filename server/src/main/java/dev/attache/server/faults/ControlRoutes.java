package dev.attache.server.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.http.ApiException;
import dev.attache.server.http.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * The test controls over HTTP, outside {@code /api/1.0}, for test suites in any language. Every route
 * needs {@code Authorization: Bearer <control token>}; bodies use Asana's {@code {"data": {...}}}
 * envelope. The routes are listed in testkit/README.md.
 */
final class ControlRoutes {

    static final String PREFIX = "/_test";

    private final TestControls controls;
    private final Json json;

    ControlRoutes(TestControls controls, Json json) {
        this.controls = controls;
        this.json = json;
    }

    void register(JavalinConfig config) {
        route(config, HandlerType.POST, "/faults", this::addFault);
        route(config, HandlerType.GET, "/faults", ctx -> json.data(ctx, 200, controls.faults().pending().stream().map(ControlRoutes::view).toList()));
        route(config, HandlerType.DELETE, "/faults", ctx -> {
            controls.faults().clear();
            json.data(ctx, 200, Map.of());
        });
        route(config, HandlerType.GET, "/clock", this::clock);
        route(config, HandlerType.POST, "/clock/advance", ctx -> {
            controls.clock().advance(Duration.ofMillis(nonNegative(json.readData(ctx), "milliseconds")));
            clock(ctx);
        });
        route(config, HandlerType.DELETE, "/clock", ctx -> {
            controls.clock().reset();
            clock(ctx);
        });
        route(config, HandlerType.POST, "/reset", ctx -> {
            controls.reset();
            json.data(ctx, 200, Map.of());
        });
    }

    private void route(JavalinConfig config, HandlerType method, String path, Handler handler) {
        config.routes.addHttpHandler(method, PREFIX + path, ctx -> {
            String header = ctx.header("Authorization");
            if (header == null || !header.startsWith("Bearer ") || !controls.acceptsToken(header.substring(7).trim())) {
                throw ApiException.notAuthorized();
            }
            handler.handle(ctx);
        });
    }

    private void addFault(Context ctx) {
        JsonNode data = json.readData(ctx);
        JsonNode route = data.get("route");
        if (route == null || !route.isTextual()) {
            throw ApiException.missing("route");
        }
        int times = data.has("times") ? (int) Math.min(Integer.MAX_VALUE, nonNegative(data, "times")) : 1;
        Fault fault = fault(data);
        FaultPlan.Rule rule;
        try {
            rule = controls.faults().add(route.asText(), times, fault);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        json.data(ctx, 201, view(rule));
    }

    /** Exactly one of status, delay_ms, cut_request_after and cut_response_after. */
    private static Fault fault(JsonNode data) {
        List<String> kinds = List.of("status", "delay_ms", "cut_request_after", "cut_response_after");
        List<String> given = kinds.stream().filter(data::has).toList();
        if (given.size() != 1) {
            throw ApiException.badRequest("fault: give exactly one of " + String.join(", ", kinds) + " but got " + given);
        }
        try {
            return switch (given.get(0)) {
                case "status" -> new Fault.Respond((int) nonNegative(data, "status"),
                        data.has("retry_after") ? nonNegative(data, "retry_after") : 0);
                case "delay_ms" -> Fault.delay(Duration.ofMillis(nonNegative(data, "delay_ms")));
                case "cut_request_after" -> Fault.cutRequestAfter(nonNegative(data, "cut_request_after"));
                default -> Fault.cutResponseAfter(nonNegative(data, "cut_response_after"));
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static long nonNegative(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null) {
            throw ApiException.missing(field);
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw ApiException.invalid(field, "must be a whole number, 0 or more");
        }
        return value.asLong();
    }

    private void clock(Context ctx) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("now", controls.clock().instant().toString());
        view.put("offset_milliseconds", controls.clock().offset().toMillis());
        json.data(ctx, 200, view);
    }

    private static Map<String, Object> view(FaultPlan.Rule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("route", rule.route().toString());
        view.put("remaining", rule.remaining());
        view.put("fault", rule.fault().toString());
        return view;
    }
}
