package dev.attache.server.console;

import java.net.URI;
import java.util.LinkedHashMap;
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
        if (!isJson(ctx.contentType())) {
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

    /** {@code application/json}, with parameters or none; not a type that merely starts so. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    /**
     * A page on another site must not sign a visitor in (login CSRF); browsers always send Origin on
     * POST. The page's origin is the configured public base, or the scheme and host the request was sent
     * to: an {@code http} page may not sign in to the {@code https} server of the same name.
     */
    private void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.equalsIgnoreCase(publicBase.get())) {
            return;
        }
        URI parsed;
        try {
            parsed = URI.create(origin);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        boolean same = parsed != null && parsed.getRawAuthority() != null
                && ctx.scheme().equalsIgnoreCase(parsed.getScheme()) && parsed.getRawAuthority().equalsIgnoreCase(ctx.host());
        if (!same) {
            throw ApiException.forbidden("Origin: Sign in from the console's own page");
        }
    }
}
