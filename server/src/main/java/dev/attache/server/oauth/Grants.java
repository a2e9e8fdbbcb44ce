package dev.attache.server.oauth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.OAuthApps.OAuthApp;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.db.Jdbc;
import dev.attache.server.ids.GidGenerator;

/**
 * Authorization codes and grants, for the OAuth routes. A code is single-use and lives ten minutes; redeeming it creates a
 * grant, whose refresh token ({@code 2/<user gid>/<grant gid>:<hex>}, shaped like every other token)
 * mints access tokens that expire. Only hashes of codes and refresh tokens are stored. Thread-safe.
 */
public final class Grants {

    /** Asana's codes expire after ten minutes; so do ours. */
    static final Duration CODE_TTL = Duration.ofMinutes(10);

    /**
     * A code as stored.
     *
     * @param challenge the PKCE challenge, or {@code null} when the app sent none
     * @param used      whether it was redeemed already
     * @param grantGid  the grant its redemption created, or {@code null}
     */
    record StoredCode(String codeHash, long appGid, long userGid, String redirectUri, Set<Scope> scopes,
                      @Nullable String challenge, Instant expiresAt, boolean used, @Nullable Long grantGid) {
    }

    /** A live grant: what a refresh token stands for. */
    record Grant(long gid, long appGid, long userGid, Set<Scope> scopes) {
    }

    /**
     * Tokens handed to an app.
     *
     * @param refreshToken present only when a code was redeemed; refreshing keeps the refresh token
     */
    record Issued(String accessToken, @Nullable String refreshToken, long userGid) {
        @Override
        public String toString() {
            return "Issued[userGid=" + userGid + ", tokens=<redacted>]";
        }
    }

    private final Jdbc jdbc;
    private final GidGenerator gids;
    private final AccessTokens tokenShapes;
    private final TokenStore tokens;
    private final Clock clock;
    private final Duration accessTokenTtl;
    private final SecureRandom random = new SecureRandom();

    public Grants(Jdbc jdbc, GidGenerator gids, AccessTokens tokenShapes, TokenStore tokens, Clock clock, Duration accessTokenTtl) {
        this.jdbc = jdbc;
        this.gids = gids;
        this.tokenShapes = tokenShapes;
        this.tokens = tokens;
        this.clock = clock;
        this.accessTokenTtl = accessTokenTtl;
    }

    Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** A new code for a consent; the returned string is the only copy of it. */
    String createCode(OAuthApp app, long userGid, String redirectUri, Set<Scope> scopes, @Nullable String challenge) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("INSERT INTO oauth_codes (code_hash, app_gid, user_gid, redirect_uri, scopes, code_challenge, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                AccessTokens.hash(code), app.gid(), userGid, redirectUri, TokenStore.encode(scopes), challenge,
                clock.instant().plus(CODE_TTL).toEpochMilli());
        return code;
    }

    Optional<StoredCode> code(String code) {
        return jdbc.queryOne("SELECT * FROM oauth_codes WHERE code_hash = ?", Grants::storedCode, AccessTokens.hash(code));
    }

    boolean isExpired(StoredCode code) {
        return !clock.instant().isBefore(code.expiresAt());
    }

    /**
     * Redeems a code: marks it used, creates its grant and the first access token, in one transaction.
     *
     * @return empty when another request redeemed the code first
     */
    Optional<Issued> redeem(StoredCode code) {
        return jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE oauth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
                    clock.millis(), code.codeHash()) != 1) {
                return Optional.<Issued>empty();
            }
            long grantGid = gids.next();
            String refreshToken = tokenShapes.mint(code.userGid(), grantGid);
            Jdbc.update(c, "INSERT INTO oauth_grants (gid, app_gid, user_gid, scopes, refresh_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    grantGid, code.appGid(), code.userGid(), TokenStore.encode(code.scopes()), AccessTokens.hash(refreshToken),
                    clock.millis());
            Jdbc.update(c, "UPDATE oauth_codes SET grant_gid = ? WHERE code_hash = ?", grantGid, code.codeHash());
            String access = accessToken(c, new Grant(grantGid, code.appGid(), code.userGid(), code.scopes()));
            return Optional.of(new Issued(access, refreshToken, code.userGid()));
        });
    }

    /** Marks a code used without redeeming it, so that no later request can. */
    void spend(StoredCode code) {
        jdbc.update("UPDATE oauth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL", clock.millis(), code.codeHash());
    }

    /** Revokes an access token that one of the app's grants issued; false for any other token. */
    boolean revokeAccessToken(String accessToken, long appGid) {
        return AccessTokens.parse(accessToken).flatMap(claim -> jdbc.queryOne(
                        "SELECT t.secret_hash FROM tokens t JOIN oauth_grants g ON g.gid = t.grant_gid "
                                + "WHERE t.gid = ? AND t.user_gid = ? AND g.app_gid = ?",
                        rs -> rs.getString("secret_hash"), claim.tokenGid(), claim.userGid(), appGid)
                .filter(hash -> AccessTokens.sameHash(hash, AccessTokens.hash(accessToken)))
                .map(hash -> tokens.revoke(claim.tokenGid())))
                .orElse(false);
    }

    /** A fresh access token from a live grant. */
    Issued refresh(Grant grant) {
        return new Issued(jdbc.inTransaction(c -> accessToken(c, grant)), null, grant.userGid());
    }

    private String accessToken(Connection c, Grant grant) throws SQLException {
        return tokens.issueExpiring(c, grant.userGid(), grant.scopes(), "oauth app " + grant.appGid(),
                clock.instant().plus(accessTokenTtl), grant.gid()).token();
    }

    /** The live grant a refresh token names, if its secret matches. */
    Optional<Grant> grant(String refreshToken) {
        return AccessTokens.parse(refreshToken).flatMap(claim -> jdbc.queryOne(
                        "SELECT * FROM oauth_grants WHERE gid = ? AND revoked_at IS NULL",
                        rs -> new StoredGrant(grant(rs), rs.getString("refresh_hash")), claim.tokenGid())
                .filter(stored -> stored.grant().userGid() == claim.userGid()
                        && AccessTokens.sameHash(stored.refreshHash(), AccessTokens.hash(refreshToken)))
                .map(StoredGrant::grant));
    }

    private record StoredGrant(Grant grant, String refreshHash) {
    }

    /** Revokes a grant and every access token issued from it, in one transaction. */
    void revoke(long grantGid) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE oauth_grants SET revoked_at = ? WHERE gid = ? AND revoked_at IS NULL", clock.millis(), grantGid);
            return tokens.revokeIssuedFrom(c, grantGid);
        });
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getLong("gid"), rs.getLong("app_gid"), rs.getLong("user_gid"), TokenStore.decode(rs.getString("scopes")));
    }

    private static StoredCode storedCode(ResultSet rs) throws SQLException {
        return new StoredCode(rs.getString("code_hash"), rs.getLong("app_gid"), rs.getLong("user_gid"), rs.getString("redirect_uri"),
                TokenStore.decode(rs.getString("scopes")), rs.getString("code_challenge"),
                Instant.ofEpochMilli(rs.getLong("expires_at")), Jdbc.nullableLong(rs, "used_at") != null,
                Jdbc.nullableLong(rs, "grant_gid"));
    }
}
