package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.asana.Client;
import com.asana.errors.RateLimitEnforcedError;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.directory.User;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {

    private static final String MESSAGE =
            "You've made too many requests and hit a rate limit. Please retry after the given amount of time.";

    @TempDir
    static Path dir;
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, c -> c.rateLimits(new RateLimits(true, 3, 50, 15)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void fourthRequestInAMinuteIsRateLimited() {
        String token = freshToken();
        for (int i = 0; i < 3; i++) {
            assertThat(getMe(token).status()).isEqualTo(200);
        }

        Reply r = getMe(token);

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.errorMessage()).isEqualTo(MESSAGE);
    }

    @Test
    void rateLimitedResponseSaysHowManyWholeSecondsToWait() {
        String token = freshToken();
        for (int i = 0; i < 3; i++) {
            getMe(token);
        }

        Reply r = getMe(token);

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).matches("[0-9]+");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void anotherTokenKeepsItsOwnQuota() {
        String spent = freshToken();
        for (int i = 0; i < 4; i++) {
            getMe(spent);
        }

        Reply r = getMe(freshToken());

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void officialClientReportsRateLimitEnforcedWithTheRetryAfterDelay() throws Exception {
        Client client = Client.accessToken(freshToken());
        client.options.put("base_url", server.app().apiBaseUri().toString());
        client.options.put("max_retries", 0);
        String task = server.createTask("limited");
        for (int i = 0; i < 3; i++) {
            client.attachments.findByTask(task).execute();
        }

        Throwable thrown = catchThrowable(() -> client.attachments.findByTask(task).execute());

        assertThat(thrown).isInstanceOf(RateLimitEnforcedError.class);
        assertThat(((RateLimitEnforcedError) thrown).retryAfter).isBetween(1_000L, 60_000L);
    }

    private Reply getMe(String token) {
        return server.send(HttpRequest.newBuilder(server.api("/users/me"))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** A new personal access token of the dev user (the only user here), with a quota of its own. */
    private String freshToken() {
        User dev = server.app().admin().users().get(0);
        return server.app().admin().issueToken(dev.gid(), TokenKind.PERSONAL, Scope.all(), "rate-limit test").token();
    }
}
