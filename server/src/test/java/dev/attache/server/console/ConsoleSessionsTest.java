package dev.attache.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.Principal;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.MutableClock;

/** Session lifetime and revocation against a real SQLite database, with the clock under the test's control. */
class ConsoleSessionsTest {

    @TempDir
    Path dir;
    Database database;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-30T07:00:00Z"));
    TokenStore tokens;
    ConsoleSessions sessions;
    TokenStore.IssuedToken token;

    @BeforeEach
    void open() {
        database = Database.sqlite(dir);
        database.migrate();
        Jdbc jdbc = database.jdbc();
        GidGenerator gids = new GidGenerator(clock, 0);
        tokens = new TokenStore(jdbc, gids, new AccessTokens(), clock);
        sessions = new ConsoleSessions(jdbc, tokens, clock);
        long user = new DirectoryStore(jdbc, gids, clock).createUser("Ada", "ada@example.com").gid();
        token = tokens.issue(user, TokenKind.PERSONAL, Set.of(), "console");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ConsoleSessions.Live signIn() {
        Principal principal = tokens.authenticate(token.token()).orElseThrow();
        return sessions.signIn(principal);
    }

    @Test
    void aSessionIsLiveUntilItsLifetimeEnds() {
        ConsoleSessions.Live session = signIn();

        clock.advance(ConsoleSessions.LIFETIME.minusSeconds(1));
        assertThat(sessions.current(session.id())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.current(session.id())).isEmpty();
    }

    @Test
    void aSessionEndsWhenItsOAuthTokenExpires() {
        long user = token.info().userGid();
        Instant tokenExpiry = clock.instant().plus(Duration.ofMinutes(20));
        TokenStore.IssuedToken oauth = database.jdbc().inTransaction(c ->
                tokens.issueExpiring(c, user, Set.of(Scope.READ), "app", tokenExpiry, 1L));
        ConsoleSessions.Live session = sessions.signIn(tokens.authenticate(oauth.token()).orElseThrow());

        assertThat(session.expiresAt()).isEqualTo(tokenExpiry);
        clock.advance(Duration.ofMinutes(20).minusSeconds(1));
        assertThat(sessions.current(session.id())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.current(session.id())).isEmpty();
    }

    @Test
    void revokingTheTokenEndsTheSessionAtTheNextLookUp() {
        ConsoleSessions.Live session = signIn();

        tokens.revoke(token.info().gid());

        assertThat(sessions.current(session.id())).isEmpty();
    }

    @Test
    void aSessionCarriesItsTokensPrincipal() {
        ConsoleSessions.Live session = signIn();

        Principal principal = sessions.current(session.id()).orElseThrow().principal();

        assertThat(principal.tokenGid()).isEqualTo(token.info().gid());
        assertThat(principal.userGid()).isEqualTo(token.info().userGid());
    }

    @Test
    void anIdOfTheWrongShapeIsNoSession() {
        signIn();

        assertThat(sessions.current("' OR 1=1 --")).isEmpty();
        assertThat(sessions.current("")).isEmpty();
    }

    @Test
    void eachSignInGetsItsOwnIdAndCsrfToken() {
        ConsoleSessions.Live a = signIn();
        ConsoleSessions.Live b = signIn();

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(SessionIds.csrfToken(a.id())).isNotEqualTo(SessionIds.csrfToken(b.id()));
        assertThat(SessionIds.csrfMatches(a.id(), SessionIds.csrfToken(b.id()))).isFalse();
    }
}
