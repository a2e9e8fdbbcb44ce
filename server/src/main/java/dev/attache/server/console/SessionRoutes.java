package dev.attache.server.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.auth.Principal;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.http.ApiException;
import dev.attache.server.http.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * {@code /console/session}: POST exchanges a personal access token for a session cookie, GET tells the
 * page whether it is signed in (and its CSRF token, which lives only in the page's memory), DELETE
 * signs out.
 */
final class SessionRoutes {

    static final String PATH = "/console/session";

    private final ConsoleSessions sessions;
    private final TokenStore tokens;
    private final Json json;
    private final Supplier<String> publicBase;

    SessionRoutes(ConsoleSessions sessions, TokenStore tokens, Json json, Supplier<String> publicBase) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.json = json;
        this.publicBase = publicBase;
    }

    void register(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.POST, PATH, this::signIn);
        config.routes.addHttpHandler(HandlerType.GET, PATH, this::current);
        config.routes.addHttpHandler(HandlerType.DELETE, PATH, this::signOut);
    }

    private void signIn(Context ctx) {
        requireSameOrigin(ctx);
        // A cross-site form can post text/plain or form data without a preflight, but never JSON.
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.badRequest("Content-Type: Must be application/json");
        }
        JsonNode data = json.readData(ctx);
        JsonNode token = data.get("token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw ApiException.missing("token");
        }
        Principal principal = tokens.authenticate(token.asText().strip()).orElseThrow(ApiException::notAuthorized);
        ConsoleSessions.Live session = sessions.signIn(principal);
        ctx.res().addHeader("Set-Cookie", ConsoleSessions.COOKIE + "=" + session.id() + attributes(ctx));
        reply(ctx, 201, session);
    }

    private void current(Context ctx) {
        reply(ctx, 200, sessions.current(ctx).orElseThrow(ApiException::notAuthorized));
    }

    private void signOut(Context ctx) {
        var session = sessions.current(ctx);
        if (session.isPresent()) {
            ConsoleSessions.requireCsrf(ctx, session.get());
            sessions.signOut(session.get());
        }
        ctx.res().addHeader("Set-Cookie", ConsoleSessions.COOKIE + "=; Max-Age=0" + attributes(ctx));
        ctx.header("Cache-Control", "no-store");
        json.data(ctx, 200, Map.of());
    }

    private void reply(Context ctx, int status, ConsoleSessions.Live session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", Map.of("gid", Long.toString(session.principal().userGid()), "resource_type", "user"));
        out.put("csrf_token", SessionIds.csrfToken(session.id()));
        out.put("expires_at", session.expiresAt().toString());
        ctx.header("Cache-Control", "no-store");
        json.data(ctx, status, out);
    }

    private String attributes(Context ctx) {
        boolean https = publicBase.get().startsWith("https:") || "https".equals(ctx.scheme());
        return "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /**
     * A page on another site must not sign a visitor in (login CSRF); browsers always send Origin on
     * POST. The page's origin is the configured public base, or the host the request was sent to.
     */
    private void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.equalsIgnoreCase(publicBase.get())) {
            return;
        }
        String authority;
        try {
            authority = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        if (authority == null || !authority.equalsIgnoreCase(ctx.host())) {
            throw ApiException.forbidden("Origin: Sign in from the console's own page");
        }
    }
}
