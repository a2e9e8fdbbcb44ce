package dev.attache.server.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.attache.server.auth.OAuthApps;
import dev.attache.server.auth.Principal;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.http.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Asana's OAuth endpoints, at Asana's paths outside {@code /api/1.0}: the authorize page
 * ({@code GET} shows it, {@code POST} is its form), the token endpoint and the revoke endpoint.
 */
public final class OAuthRoutes {

    static final String AUTHORIZE = "/-/oauth_authorize";
    static final String TOKEN = "/-/oauth_token";
    static final String REVOKE = "/-/oauth_revoke";

    private final OAuthApps apps;
    private final Grants grants;
    private final TokenStore tokens;
    private final TokenEndpoint tokenEndpoint;
    private final Json json;

    public OAuthRoutes(OAuthApps apps, Grants grants, TokenStore tokens, Identities identities, Json json) {
        this.apps = apps;
        this.grants = grants;
        this.tokens = tokens;
        this.tokenEndpoint = new TokenEndpoint(apps, grants, identities, json);
        this.json = json;
    }

    /** Registers the routes and the handler that writes {@link OAuthError}s in OAuth's shape. */
    public void register(JavalinConfig config) {
        config.routes.get(AUTHORIZE, this::showConsent);
        config.routes.post(AUTHORIZE, this::decide);
        config.routes.post(TOKEN, tokenEndpoint::token);
        config.routes.post(REVOKE, tokenEndpoint::revoke);
        config.routes.exception(OAuthError.class, (e, ctx) -> {
            noStore(ctx);
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Basic realm=\"attache\"");
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", e.error());
            body.put("error_description", e.getMessage());
            json.write(ctx, e.status(), body);
        });
    }

    private void showConsent(Context ctx) {
        AuthorizeRequest.Parsed parsed = AuthorizeRequest.parse(ctx::queryParam, apps);
        if (parsed instanceof AuthorizeRequest.Valid valid) {
            html(ctx, 200, ConsentPage.consent(valid.request(), null));
        } else {
            answerProblem(ctx, parsed, HttpStatus.FOUND);
        }
    }

    private void decide(Context ctx) {
        AuthorizeRequest.Parsed parsed = AuthorizeRequest.parse(ctx::formParam, apps);
        if (!(parsed instanceof AuthorizeRequest.Valid valid)) {
            answerProblem(ctx, parsed, HttpStatus.SEE_OTHER);
            return;
        }
        AuthorizeRequest request = valid.request();
        if (!"allow".equals(ctx.formParam("decision"))) {
            redirect(ctx, request.declined(), HttpStatus.SEE_OTHER);
            return;
        }
        String token = ctx.formParam("token");
        Optional<Principal> person = token == null || token.isBlank() ? Optional.empty()
                : tokens.authenticate(token.trim()).filter(p -> p.kind() == TokenKind.PERSONAL);
        if (person.isEmpty()) {
            html(ctx, 401, ConsentPage.consent(request, "That is not a valid personal access token."));
            return;
        }
        String code = grants.createCode(request.app(), person.get().userGid(), request.redirectUri(), request.scopes(),
                request.codeChallenge());
        redirect(ctx, request.withCode(code), HttpStatus.SEE_OTHER);
    }

    private static void answerProblem(Context ctx, AuthorizeRequest.Parsed parsed, HttpStatus redirectStatus) {
        if (parsed instanceof AuthorizeRequest.Refused refused) {
            redirect(ctx, refused.location(), redirectStatus);
        } else if (parsed instanceof AuthorizeRequest.Unusable unusable) {
            html(ctx, 400, ConsentPage.unusable(unusable.reason()));
        }
    }

    private static void redirect(Context ctx, String location, HttpStatus status) {
        noStore(ctx);
        ctx.status(status).header("Location", location);
    }

    private static void html(Context ctx, int status, String page) {
        noStore(ctx);
        // The page takes a credential: it must not be framed (clickjacking) nor run anything but itself.
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }

    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
