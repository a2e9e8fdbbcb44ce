package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private AsanaApiException failure(ScriptedAction action) {
        f.server.enqueue(action.action);
        AttachmentsApi api = f.builder().retry(RetryPolicy.none()).build();
        try {
            api.getAttachment(gid).join();
        } catch (CompletionException e) {
            return (AsanaApiException) e.getCause();
        }
        throw new AssertionError("request succeeded");
    }

    private record ScriptedAction(dev.attache.client.testing.ScriptedServer.Action action) {
    }

    record StatusCase(int status, Class<? extends AsanaApiException> type) {
        @Override
        public String toString() {
            return status + " fails with " + type.getSimpleName();
        }
    }

    static Stream<StatusCase> statuses() {
        return Stream.of(new StatusCase(400, BadRequestException.class),
                new StatusCase(401, AuthenticationException.class),
                new StatusCase(402, PaymentRequiredException.class),
                new StatusCase(403, ForbiddenException.class),
                new StatusCase(404, NotFoundException.class),
                new StatusCase(413, PayloadTooLargeException.class),
                new StatusCase(429, RateLimitedException.class),
                new StatusCase(500, ServerErrorException.class),
                new StatusCase(503, ServerErrorException.class),
                new StatusCase(409, AsanaApiException.class));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void eachStatusFailsWithItsOwnExceptionType(StatusCase c) {
        AsanaApiException e = failure(new ScriptedAction(Actions.error(c.status(), "x: y")));

        assertThat(e).isExactlyInstanceOf(c.type());
        assertThat(e.status()).isEqualTo(c.status());
    }

    @Test
    void rateLimitMessageNamesRequestStatusRetryAfterAndText() {
        AsanaApiException e = failure(new ScriptedAction(Actions.rateLimited("30")));

        assertThat(e.getMessage()).isEqualTo(
                "GET /attachments/7 -> 429 (retry-after 30s): You've made too many requests and hit a rate limit.");
        assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorCarriesThePhraseForSupport() {
        AsanaApiException e = failure(new ScriptedAction(Actions.status(500,
                "{\"errors\":[{\"message\":\"Server Error\",\"phrase\":\"6 sad squid snuggle softly\"}]}")));

        assertThat(e.phrase()).contains("6 sad squid snuggle softly");
        assertThat(e.getMessage()).isEqualTo("GET /attachments/7 -> 500 (phrase '6 sad squid snuggle softly'): Server Error");
    }

    @Test
    void everyErrorMessageIsKept() {
        AsanaApiException e = failure(new ScriptedAction(Actions.status(400,
                "{\"errors\":[{\"message\":\"parent: Missing input\",\"help\":\"h\"},{\"message\":\"limit: Must be between 1 and 100\"}]}")));

        assertThat(e.errors()).extracting(AsanaError::message)
                .containsExactly("parent: Missing input", "limit: Must be between 1 and 100");
        assertThat(e.errors().get(0).help()).isEqualTo("h");
        assertThat(e.getMessage()).endsWith(": parent: Missing input; limit: Must be between 1 and 100");
    }

    @Test
    void nonJsonErrorBodyStillFailsWithTheTypedException() {
        AsanaApiException e = failure(new ScriptedAction(ex -> {
            ex.recordHeadOnly();
            ex.respond(502, Map.of("Content-Type", "text/html"), "<html>bad gateway</html>".getBytes());
        }));

        assertThat(e).isInstanceOf(ServerErrorException.class);
        assertThat(e.errors()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("GET /attachments/7 -> 502");
    }

    @Test
    void errorMessageNeverContainsTheToken() {
        AsanaApiException e = failure(new ScriptedAction(Actions.error(401, "Not Authorized")));

        assertThat(e.toString()).doesNotContain(Fixture.TOKEN).doesNotContain("Bearer");
    }

    @Test
    void builderRefusesToBuildWithoutToken() {
        assertThatThrownBy(() -> AttachmentsApi.builder().baseUri(f.server.apiBase()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("token");
    }

    @Test
    void gidMustBeDigits() {
        assertThatThrownBy(() -> AttachmentGid.of("12a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12a");
    }
}
