package dev.attache.server.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.attache.server.auth.Principal;
import dev.attache.server.auth.SessionAuthenticator;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.db.Jdbc;
import dev.attache.server.http.ApiException;
import io.javalin.http.Context;

/**
 * Browser sessions for the console: a personal access token is exchanged for a random session id held
 * in an {@code HttpOnly}, {@code SameSite=Strict} cookie. The database keeps only the id's hash and the
 * token's gid; the token is looked up on every request, so a session lives no longer than its token:
 * revoking the token, or an OAuth access token expiring, ends the session at the next request. State-changing requests must also carry the session's CSRF token in {@value #CSRF_HEADER}.
 * Thread-safe.
 */
public final class ConsoleSessions implements SessionAuthenticator {

    /** The cookie that carries the session id. */
    static final String COOKIE = "attache_session";
    /** The header that carries the CSRF token on state-changing requests. */
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** How long a session lasts after sign-in, however active. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final Pattern ID_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A session as a request presents it. */
    record Live(String id, Principal principal, Instant expiresAt) {
        @Override
        public String toString() {
            return "Live[id=<redacted>, principal=" + principal + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final SessionStore store;
    private final TokenStore tokens;
    private final SessionIds ids = new SessionIds();
    private final Clock clock;

    public ConsoleSessions(Jdbc jdbc, TokenStore tokens, Clock clock) {
        this.store = new SessionStore(jdbc);
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Starts a session for a principal whose token was just checked; it ends after {@link #LIFETIME}, or
     * when the token expires if that comes first.
     */
    Live signIn(Principal principal) {
        Instant now = clock.instant();
        store.deleteExpired(now);
        Instant expires = tokens.live(principal.tokenGid()).map(TokenStore.LiveToken::expiresAt)
                .filter(tokenExpiry -> tokenExpiry.isBefore(now.plus(LIFETIME)))
                .orElse(now.plus(LIFETIME));
        String id = ids.next();
        store.create(SessionIds.hash(id), principal.tokenGid(), principal.userGid(), now, expires);
        return new Live(id, principal, expires);
    }

    /** The request's session while it and its token are live. */
    Optional<Live> current(Context ctx) {
        return current(ctx.cookie(COOKIE));
    }

    /** The session a cookie value names, while it and its token are live. */
    Optional<Live> current(String id) {
        if (id == null || !ID_SHAPE.matcher(id).matches()) {
            return Optional.empty();
        }
        String hash = SessionIds.hash(id);
        return store.find(hash, clock.instant()).flatMap(session -> {
            Optional<Principal> principal = tokens.live(session.tokenGid()).map(TokenStore.LiveToken::principal)
                    .filter(p -> p.userGid() == session.userGid());
            if (principal.isEmpty()) {
                store.delete(hash);
            }
            return principal.map(p -> new Live(id, p, session.expiresAt()));
        });
    }

    /** Ends a session. */
    void signOut(Live session) {
        store.delete(SessionIds.hash(session.id()));
    }

    /** 403 unless a state-changing request carries the session's CSRF token. */
    static void requireCsrf(Context ctx, Live session) {
        if (!SessionIds.csrfMatches(session.id(), ctx.header(CSRF_HEADER))) {
            throw ApiException.forbidden(CSRF_HEADER + ": Missing or not this session's token");
        }
    }

    @Override
    public Optional<Principal> principal(Context ctx) {
        return current(ctx).map(session -> {
            if (changesState(ctx)) {
                requireCsrf(ctx, session);
            }
            // What a session reads is one person's; no cache, shared or the browser's own, may keep it.
            ctx.header("Cache-Control", "no-store");
            return session.principal();
        });
    }

    private static boolean changesState(Context ctx) {
        String method = ctx.method().name();
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
}
