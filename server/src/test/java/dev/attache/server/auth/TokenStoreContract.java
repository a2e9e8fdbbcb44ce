package dev.attache.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.EnumSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.directory.User;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.testing.DatabaseContract;
import dev.attache.server.testing.Engine;

/** What token storage must do on every engine. */
abstract class TokenStoreContract extends DatabaseContract {

    private TokenStore tokens;
    private User user;

    TokenStoreContract(Engine engine) {
        super(engine);
    }

    @BeforeEach
    void openStore() {
        GidGenerator gids = new GidGenerator(Clock.systemUTC(), 3);
        tokens = new TokenStore(jdbc, gids, new AccessTokens(), Clock.systemUTC());
        user = new DirectoryStore(jdbc, gids, Clock.systemUTC()).createUser("U", "u@example.com");
    }

    @Test
    void anIssuedTokenAuthenticatesAsItsUserWithItsScopes() {
        TokenStore.IssuedToken issued = tokens.issue(user.gid(), TokenKind.OAUTH, EnumSet.of(Scope.values()[0]), "app");

        assertThat(tokens.authenticate(issued.token())).hasValueSatisfying(p -> {
            assertThat(p.userGid()).isEqualTo(user.gid());
            assertThat(p.tokenGid()).isEqualTo(issued.info().gid());
            assertThat(p.scopes()).isEqualTo(issued.info().scopes());
        });
    }

    @Test
    void aTokenWithAnotherSecretDoesNotAuthenticate() {
        String token = tokens.issue(user.gid(), TokenKind.PERSONAL, Scope.all(), "laptop").token();
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");

        assertThat(tokens.authenticate(forged)).isEmpty();
    }

    @Test
    void aRevokedTokenNoLongerAuthenticatesAndCannotBeRevokedAgain() {
        TokenStore.IssuedToken issued = tokens.issue(user.gid(), TokenKind.PERSONAL, Scope.all(), "laptop");

        assertThat(tokens.revoke(issued.info().gid())).isTrue();

        assertThat(tokens.authenticate(issued.token())).isEmpty();
        assertThat(tokens.revoke(issued.info().gid())).isFalse();
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    }

    @Test
    void aTokenRevokedThroughAnotherConnectionPoolIsRefusedOnTheNextCall() {
        TokenStore.IssuedToken issued = tokens.issue(user.gid(), TokenKind.PERSONAL, Scope.all(), "laptop");
        assertThat(tokens.authenticate(issued.token())).isPresent();
        TokenStore elsewhere = new TokenStore(connectNode().jdbc(), new GidGenerator(Clock.systemUTC(), 4), new AccessTokens(),
                Clock.systemUTC());

        assertThat(elsewhere.revoke(issued.info().gid())).isTrue();

        assertThat(tokens.authenticate(issued.token())).isEmpty();
    }
}
