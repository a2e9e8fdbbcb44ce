package dev.attache.server.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.OAuthApps;
import dev.attache.server.auth.OAuthApps.OAuthApp;
import dev.attache.server.http.Json;
import io.javalin.http.Context;

/**
 * {@code POST /-/oauth_token} (grant types {@code authorization_code} and {@code refresh_token}) and
 * {@code POST /-/oauth_revoke}. Apps prove who they are with {@code client_id} and
 * {@code client_secret} in the form, or with HTTP Basic. Every check runs before anything is
 * written, except that a code presented twice revokes what its first use issued (RFC 6749 §4.1.2).
 */
final class TokenEndpoint {

    private final OAuthApps apps;
    private final Grants grants;
    private final Identities identities;
    private final Json json;

    TokenEndpoint(OAuthApps apps, Grants grants, Identities identities, Json json) {
        this.apps = apps;
        this.grants = grants;
        this.identities = identities;
        this.json = json;
    }

    void token(Context ctx) {
        OAuthApp app = client(ctx);
        String grantType = required(ctx, "grant_type");
        Grants.Issued issued;
        if (grantType.equals("authorization_code")) {
            issued = redeemCode(ctx, app);
        } else if (grantType.equals("refresh_token")) {
            issued = refresh(ctx, app);
        } else {
            throw OAuthError.unsupportedGrantType(grantType);
        }
        answer(ctx, issued);
    }

    private Grants.Issued redeemCode(Context ctx, OAuthApp app) {
        String code = required(ctx, "code");
        String redirectUri = required(ctx, "redirect_uri");
        Grants.StoredCode stored = grants.code(code).filter(c -> c.appGid() == app.gid())
                .orElseThrow(() -> OAuthError.invalidGrant("The authorization code is not valid."));
        if (stored.used()) {
            if (stored.grantGid() != null) {
                grants.revoke(stored.grantGid());
            }
            throw OAuthError.invalidGrant("The authorization code was used already; the tokens it issued are revoked.");
        }
        if (grants.isExpired(stored)) {
            throw OAuthError.invalidGrant("The authorization code has expired.");
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the one the code was issued for.");
        }
        if (stored.challenge() != null) {
            String verifier = required(ctx, "code_verifier");
            if (!Pkce.verifies(verifier, stored.challenge())) {
                // One wrong guess spends the code: otherwise whoever intercepted it could keep guessing.
                grants.spend(stored);
                throw OAuthError.invalidGrant("code_verifier does not match the code_challenge; the code can no longer be used.");
            }
        }
        identity(stored.userGid());
        return grants.redeem(stored)
                .orElseThrow(() -> OAuthError.invalidGrant("The authorization code was used already."));
    }

    private Grants.Issued refresh(Context ctx, OAuthApp app) {
        String refreshToken = required(ctx, "refresh_token");
        Grants.Grant grant = grants.grant(refreshToken).filter(g -> g.appGid() == app.gid())
                .orElseThrow(() -> OAuthError.invalidGrant("The refresh token is not valid or was revoked."));
        identity(grant.userGid());
        return grants.refresh(grant);
    }

    /**
     * Revokes a token of the app's (RFC 7009): a refresh token with every access token issued from it, or
     * one access token. Unknown tokens answer 200 too (§2.2).
     */
    void revoke(Context ctx) {
        OAuthApp app = client(ctx);
        String token = required(ctx, "token");
        Optional<Grants.Grant> grant = grants.grant(token).filter(g -> g.appGid() == app.gid());
        if (grant.isPresent()) {
            grants.revoke(grant.get().gid());
        } else {
            grants.revokeAccessToken(token, app.gid());
        }
        OAuthRoutes.noStore(ctx);
        ctx.status(200);
    }

    private void answer(Context ctx, Grants.Issued issued) {
        Identities.Identity who = identity(issued.userGid());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", grants.accessTokenTtl().toSeconds());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("gid", Long.toString(who.gid()));
        data.put("name", who.name());
        data.put("email", who.email());
        body.put("data", data);
        OAuthRoutes.noStore(ctx);
        json.write(ctx, 200, body);
    }

    private Identities.Identity identity(long userGid) {
        return identities.find(userGid).orElseThrow(() -> OAuthError.invalidGrant("The user of this grant no longer exists."));
    }

    /** The app the request's client credentials prove; 401 {@code invalid_client} otherwise. */
    private OAuthApp client(Context ctx) {
        String id = ctx.formParam("client_id");
        String secret = ctx.formParam("client_secret");
        Optional<String[]> basic = basic(ctx.header("Authorization"));
        if (basic.isPresent()) {
            id = basic.get()[0];
            secret = basic.get()[1];
        }
        if (id == null || secret == null) {
            throw OAuthError.invalidClient();
        }
        return apps.authenticate(id, secret).orElseThrow(OAuthError::invalidClient);
    }

    private static Optional<String[]> basic(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static String required(Context ctx, String name) {
        String value = ctx.formParam(name);
        if (value == null || value.isEmpty()) {
            throw OAuthError.invalidRequest(name + ": Missing input");
        }
        return value;
    }
}
