package dev.attache.client.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ready-made scripted responses. */
public final class Actions {

    private Actions() {
    }

    public static ScriptedServer.Action json(int status, String body, Map<String, String> headers) {
        return ex -> {
            ex.readBody();
            java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put("Content-Type", "application/json; charset=UTF-8");
            ex.respond(status, h, body.getBytes(StandardCharsets.UTF_8));
        };
    }

    public static ScriptedServer.Action status(int status, String body) {
        return json(status, body, Map.of());
    }

    public static ScriptedServer.Action ok(String dataJson) {
        return status(200, "{\"data\":" + dataJson + "}");
    }

    public static ScriptedServer.Action error(int status, String message) {
        return status(status, "{\"errors\":[{\"message\":\"" + message + "\",\"help\":\"See docs\"}]}");
    }

    /** 429 with an optional Retry-After. */
    public static ScriptedServer.Action rateLimited(String retryAfterOrNull) {
        Map<String, String> headers = retryAfterOrNull == null ? Map.of() : Map.of("Retry-After", retryAfterOrNull);
        return json(429, "{\"errors\":[{\"message\":\"You've made too many requests and hit a rate limit.\"}]}",
                headers);
    }

    /** Reads the head only, then resets: no 100 Continue, so no body byte was asked for. */
    public static ScriptedServer.Action resetBeforeBody() {
        return ex -> {
            ex.recordHeadOnly();
            ex.reset();
        };
    }

    /** Reads the whole body, then resets without answering. */
    public static ScriptedServer.Action resetAfterBody() {
        return ex -> {
            ex.readBody();
            ex.reset();
        };
    }

    /** Waits until {@code gate} opens, then answers 200 with {@code dataJson}. */
    public static ScriptedServer.Action okAfter(CountDownLatch gate, String dataJson) {
        return ex -> {
            ex.readBody();
            gate.countDown();
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            ex.respond(200, Map.of("Content-Type", "application/json"),
                    ("{\"data\":" + dataJson + "}").getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Answers with raw bytes (a download). */
    public static ScriptedServer.Action bytes(int status, Map<String, String> headers, byte[] body) {
        return ex -> {
            ex.recordHeadOnly();
            ex.respond(status, headers, body);
        };
    }

    /**
     * Reads the request, tells {@code arrived}, then holds the answer until {@code gate} opens (or
     * 10 s pass) and answers 503: a slow request that a retry would repeat.
     */
    public static ScriptedServer.Action holdThen503(CountDownLatch arrived, CountDownLatch gate) {
        return ex -> {
            ex.readBody();
            arrived.countDown();
            gate.await(10, TimeUnit.SECONDS);
            ex.respond(503, Map.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"message\":\"slow\"}]}".getBytes(StandardCharsets.UTF_8));
        };
    }
}
