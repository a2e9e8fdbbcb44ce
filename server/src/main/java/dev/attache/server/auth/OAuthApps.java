package dev.attache.server.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.attache.server.db.Jdbc;
import dev.attache.server.ids.GidGenerator;

/**
 * Registered OAuth apps: a client id (the app's gid), a client secret of which only the hash is kept,
 * the redirect URIs the authorize page may send people back to, and the scopes its tokens may ever
 * have. Thread-safe.
 */
public final class OAuthApps {

    /**
     * An app, without its secret.
     *
     * @param gid          also its {@code client_id}
     * @param redirectUris where the authorize page may redirect, compared exactly
     * @param scopes       the most its tokens may do
     */
    public record OAuthApp(long gid, String name, List<String> redirectUris, Set<Scope> scopes, Instant createdAt) {
        public OAuthApp {
            redirectUris = List.copyOf(redirectUris);
            scopes = Set.copyOf(scopes);
        }

        /** The {@code client_id} apps send. */
        public String clientId() {
            return Long.toString(gid);
        }

        /** Whether a {@code redirect_uri} is one registered, character for character (RFC 6749 §3.1.2.3). */
        public boolean allowsRedirectTo(String uri) {
            return redirectUris.contains(uri);
        }
    }

    /** A newly registered app: the only moment its client secret exists outside the app. */
    public record RegisteredApp(OAuthApp app, String clientSecret) {
        @Override
        public String toString() {
            return "RegisteredApp[" + app + ", clientSecret=<redacted>]";
        }
    }

    private final Jdbc jdbc;
    private final GidGenerator gids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OAuthApps(Jdbc jdbc, GidGenerator gids, Clock clock) {
        this.jdbc = jdbc;
        this.gids = gids;
        this.clock = clock;
    }

    /**
     * Registers an app.
     *
     * @throws IllegalArgumentException naming the setting when the name is blank, a redirect URI is not
     *     an absolute http or https URI without a fragment, or no scope is given
     */
    public RegisteredApp register(String name, List<String> redirectUris, Set<Scope> scopes) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 255) {
            throw new IllegalArgumentException("name must be 1 to 255 characters");
        }
        if (redirectUris.isEmpty()) {
            throw new IllegalArgumentException("redirect URI: at least one is needed");
        }
        redirectUris.forEach(OAuthApps::checkRedirectUri);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scope: at least one is needed");
        }
        long gid = gids.next();
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        String clientSecret = HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        jdbc.update("INSERT INTO oauth_apps (gid, name, secret_hash, redirect_uris, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                gid, name, AccessTokens.hash(clientSecret), String.join(" ", redirectUris), TokenStore.encode(scopes),
                now.toEpochMilli());
        return new RegisteredApp(new OAuthApp(gid, name, redirectUris, scopes, now), clientSecret);
    }

    private static void checkRedirectUri(String uri) {
        try {
            URI parsed = new URI(uri);
            boolean web = "https".equalsIgnoreCase(parsed.getScheme()) || "http".equalsIgnoreCase(parsed.getScheme());
            if (!web || parsed.getHost() == null || parsed.getFragment() != null) {
                throw new IllegalArgumentException("redirect URI must be an absolute http or https URI without a fragment: " + uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("redirect URI is not a URI: " + uri, e);
        }
    }

    /** Every app, newest first. */
    public List<OAuthApp> list() {
        return jdbc.query("SELECT * FROM oauth_apps ORDER BY gid DESC", OAuthApps::app);
    }

    /** The app with a client id, if it is registered. */
    public Optional<OAuthApp> find(String clientId) {
        return parseGid(clientId).flatMap(gid -> jdbc.queryOne("SELECT * FROM oauth_apps WHERE gid = ?", OAuthApps::app, gid));
    }

    /** The app a client id and secret prove to be; empty when either is wrong. */
    public Optional<OAuthApp> authenticate(String clientId, String clientSecret) {
        String presented = AccessTokens.hash(clientSecret);
        return parseGid(clientId).flatMap(gid -> jdbc.queryOne("SELECT secret_hash FROM oauth_apps WHERE gid = ?",
                        rs -> rs.getString("secret_hash"), gid)
                .filter(stored -> AccessTokens.sameHash(stored, presented))
                .flatMap(matched -> find(clientId)));
    }

    /**
     * Removes an app and revokes everything it was issued: its grants (refresh tokens), the access
     * tokens issued from them, and its unused codes. One transaction.
     *
     * @return false when no app has the gid
     */
    public boolean delete(long gid) {
        long now = clock.millis();
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND grant_gid IN "
                    + "(SELECT gid FROM oauth_grants WHERE app_gid = ?)", now, gid);
            Jdbc.update(c, "UPDATE oauth_grants SET revoked_at = ? WHERE app_gid = ? AND revoked_at IS NULL", now, gid);
            Jdbc.update(c, "DELETE FROM oauth_codes WHERE app_gid = ?", gid);
            return Jdbc.update(c, "DELETE FROM oauth_apps WHERE gid = ?", gid) == 1;
        });
    }

    private static Optional<Long> parseGid(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > 19 || !clientId.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(clientId));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static OAuthApp app(ResultSet rs) throws SQLException {
        return new OAuthApp(rs.getLong("gid"), rs.getString("name"),
                Arrays.stream(rs.getString("redirect_uris").split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toList()),
                TokenStore.decode(rs.getString("scopes")), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
