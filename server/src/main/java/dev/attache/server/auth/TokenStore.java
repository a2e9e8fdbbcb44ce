package dev.attache.server.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.attache.server.db.Jdbc;
import dev.attache.server.ids.GidGenerator;

/** Issues, finds and revokes access tokens. Only hashes are stored. Thread-safe. */
public final class TokenStore {

    /**
     * A token row, without its secret.
     *
     * @param revokedAt when it was revoked, or {@code null} while it is live
     */
    public record TokenInfo(long gid, long userGid, TokenKind kind, Set<Scope> scopes, String name,
                            Instant createdAt, Instant revokedAt) {
    }

    /** A newly issued token: the only moment its secret exists outside the client. */
    public record IssuedToken(TokenInfo info, String token) {
        @Override
        public String toString() {
            return "IssuedToken[" + info + ", token=<redacted>]";
        }
    }

    private final Jdbc jdbc;
    private final GidGenerator gids;
    private final AccessTokens tokens;
    private final Clock clock;
    private final RecentTokens recent;

    public TokenStore(Jdbc jdbc, GidGenerator gids, AccessTokens tokens, Clock clock) {
        this.jdbc = jdbc;
        this.gids = gids;
        this.tokens = tokens;
        this.clock = clock;
        this.recent = new RecentTokens(jdbc.recentReads(RecentTokens.MAX_TOKENS));
    }

    /** Issues a token for a user. Personal access tokens always get every scope. */
    public IssuedToken issue(long userGid, TokenKind kind, Set<Scope> scopes, String name) {
        Set<Scope> granted = kind == TokenKind.PERSONAL ? Scope.all() : EnumSet.copyOf(scopes);
        long gid = gids.next();
        String token = tokens.mint(userGid, gid);
        Instant now = clock.instant();
        jdbc.update("INSERT INTO tokens (gid, user_gid, kind, secret_hash, scopes, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                gid, userGid, kind.name(), AccessTokens.hash(token), encode(granted), name, now.toEpochMilli());
        return new IssuedToken(new TokenInfo(gid, userGid, kind, granted, name, now, null), token);
    }

    /**
     * Issues an OAuth access token that stops working at {@code expiresAt}, inside the caller's
     * transaction, remembering the grant it came from so that {@link #revokeIssuedFrom} can end it.
     */
    public IssuedToken issueExpiring(Connection c, long userGid, Set<Scope> scopes, String name, Instant expiresAt,
                                     long grantGid) throws SQLException {
        long gid = gids.next();
        String token = tokens.mint(userGid, gid);
        Instant now = clock.instant();
        Jdbc.update(c, "INSERT INTO tokens (gid, user_gid, kind, secret_hash, scopes, name, created_at, expires_at, grant_gid) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                gid, userGid, TokenKind.OAUTH.name(), AccessTokens.hash(token), encode(scopes), name, now.toEpochMilli(),
                expiresAt.toEpochMilli(), grantGid);
        return new IssuedToken(new TokenInfo(gid, userGid, TokenKind.OAUTH, EnumSet.copyOf(scopes), name, now, null), token);
    }

    /** Revokes every live token issued from a grant, inside the caller's transaction; how many. */
    public int revokeIssuedFrom(Connection c, long grantGid) throws SQLException {
        return Jdbc.update(c, "UPDATE tokens SET revoked_at = ? WHERE grant_gid = ? AND revoked_at IS NULL",
                clock.millis(), grantGid);
    }

    /**
     * The live principal a token string names, if it is one of ours, not revoked and not expired. On
     * SQLite a token that authenticated is remembered until anything is committed to the database.
     */
    public Optional<Principal> authenticate(String token) {
        long now = clock.millis();
        return recent.principal(token, now, at -> lookUp(token, at));
    }

    private Optional<RecentTokens.Live> lookUp(String token, long nowMillis) {
        return AccessTokens.parse(token).flatMap(claim -> jdbc.queryOne(
                        "SELECT user_gid, kind, secret_hash, scopes, expires_at FROM tokens WHERE gid = ? AND revoked_at IS NULL "
                                + "AND (expires_at IS NULL OR expires_at > ?)",
                        rs -> new StoredToken(rs.getLong("user_gid"), TokenKind.valueOf(rs.getString("kind")),
                                rs.getString("secret_hash"), decode(rs.getString("scopes")), Jdbc.nullableLong(rs, "expires_at")),
                        claim.tokenGid(), nowMillis)
                .filter(stored -> stored.userGid() == claim.userGid()
                        && AccessTokens.sameHash(stored.secretHash(), AccessTokens.hash(claim.token())))
                .map(stored -> new RecentTokens.Live(
                        new Principal(stored.userGid(), claim.tokenGid(), stored.kind(), stored.scopes()), stored.expiresAt())));
    }

    /**
     * A live token as sessions see it: its principal, and when it expires ({@code null}: never).
     *
     * @param expiresAt when an OAuth access token stops working; null for personal tokens
     */
    public record LiveToken(Principal principal, @Nullable Instant expiresAt) {
    }

    /**
     * The live token with a gid, for sessions that keep the gid and never the secret: not revoked and
     * not expired, so a session lasts no longer than the token it was made from.
     */
    public Optional<LiveToken> live(long tokenGid) {
        return jdbc.queryOne("SELECT user_gid, kind, scopes, expires_at FROM tokens WHERE gid = ? AND revoked_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > ?)",
                rs -> {
                    Long expires = Jdbc.nullableLong(rs, "expires_at");
                    return new LiveToken(new Principal(rs.getLong("user_gid"), tokenGid, TokenKind.valueOf(rs.getString("kind")),
                            decode(rs.getString("scopes"))), expires == null ? null : Instant.ofEpochMilli(expires));
                },
                tokenGid, clock.millis());
    }

    private record StoredToken(long userGid, TokenKind kind, String secretHash, Set<Scope> scopes, @Nullable Long expiresAt) {
    }

    /** All tokens, newest first. */
    public List<TokenInfo> list() {
        return jdbc.query("SELECT * FROM tokens ORDER BY gid DESC", TokenStore::info);
    }

    /** Revokes a token; false when there is no live token with that gid. */
    public boolean revoke(long gid) {
        return jdbc.update("UPDATE tokens SET revoked_at = ? WHERE gid = ? AND revoked_at IS NULL",
                clock.millis(), gid) == 1;
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        Long revoked = Jdbc.nullableLong(rs, "revoked_at");
        return new TokenInfo(rs.getLong("gid"), rs.getLong("user_gid"), TokenKind.valueOf(rs.getString("kind")),
                decode(rs.getString("scopes")), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")),
                revoked == null ? null : Instant.ofEpochMilli(revoked));
    }

    /** Scopes as stored: wire names, sorted, space-separated. */
    public static String encode(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(" "));
    }

    /** Scopes from their stored form; unknown names are dropped. */
    public static Set<Scope> decode(String scopes) {
        Set<Scope> result = EnumSet.noneOf(Scope.class);
        Arrays.stream(scopes.split(" ")).filter(s -> !s.isEmpty())
                .forEach(s -> Scope.parse(s).ifPresent(result::addAll));
        return result;
    }
}
