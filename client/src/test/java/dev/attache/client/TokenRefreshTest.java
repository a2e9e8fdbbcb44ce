package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.Recorded;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenRefreshTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    /** Hands out "old" until refreshed, then "new". */
    private static final class RefreshingTokens implements TokenProvider {
        private final AtomicReference<String> current = new AtomicReference<>("old");

        @Override
        public CompletableFuture<String> token() {
            return CompletableFuture.completedFuture(current.get());
        }

        @Override
        public CompletableFuture<String> refresh(String rejected) {
            current.set("new");
            return CompletableFuture.completedFuture("new");
        }
    }

    @Test
    void unauthorizedRequestIsResentOnceWithTheRefreshedToken() {
        f.server.enqueue(Actions.error(401, "Not Authorized"), Actions.ok(Fixture.attachmentJson("7", "a")));
        AttachmentsApi api = f.builder().tokenProvider(new RefreshingTokens()).build();

        api.getAttachment(gid).join();

        assertThat(f.server.requests()).extracting(r -> r.header("Authorization").orElse(""))
                .containsExactly("Bearer old", "Bearer new");
    }

    @Test
    void fixedTokenIsNotResentAfterUnauthorized() {
        f.server.enqueue(Actions.error(401, "Not Authorized"), Actions.ok(Fixture.attachmentJson("7", "a")));

        assertThatThrownBy(() -> f.api().getAttachment(gid).join()).hasCauseInstanceOf(AuthenticationException.class);
        assertThat(f.server.requests()).extracting(Recorded::method).containsExactly("GET");
    }

    @Test
    void secondUnauthorizedAfterRefreshFails() {
        f.server.enqueue(Actions.error(401, "Not Authorized"), Actions.error(401, "Not Authorized"),
                Actions.ok(Fixture.attachmentJson("7", "a")));
        AttachmentsApi api = f.builder().tokenProvider(new RefreshingTokens()).build();

        assertThatThrownBy(() -> api.getAttachment(gid).join()).hasCauseInstanceOf(AuthenticationException.class);
        assertThat(f.server.requests()).hasSize(2);
    }

    @Test
    void concurrentUnauthorizedResponsesShareOneRefresh() throws Exception {
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            f.server.enqueue(ex -> {
                refused.countDown();
                // Every request has its 401 only once all five have arrived, so all five are in flight.
                refused.await(10, java.util.concurrent.TimeUnit.SECONDS);
                Actions.error(401, "Not Authorized").handle(ex);
            });
        }
        for (int i = 0; i < 5; i++) {
            f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        }
        java.util.concurrent.atomic.AtomicInteger refreshes = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<String> fresh = new CompletableFuture<>();
        TokenProvider tokens = new TokenProvider() {
            @Override
            public CompletableFuture<String> token() {
                return CompletableFuture.completedFuture(fresh.getNow("old"));
            }

            @Override
            public CompletableFuture<String> refresh(String rejected) {
                refreshes.incrementAndGet();
                fresh.complete("new");
                return CompletableFuture.completedFuture("new");
            }
        };
        try (AttachmentsApi api = f.builder().tokenProvider(tokens).build()) {
            java.util.List<CompletableFuture<Attachment>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(api.getAttachment(gid));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        assertThat(refreshes).hasValue(1);
        assertThat(f.server.requests()).extracting(r -> r.header("Authorization").orElse(""))
                .filteredOn("Bearer new"::equals).hasSize(5);
    }
}
