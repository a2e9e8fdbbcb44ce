package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.ScriptedServer;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client names itself, where it goes by default, and what it tells a listener. */
class IdentificationTest {

    private final Fixture f = new Fixture();
    private final AttachmentGid gid = AttachmentGid.of("7");

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void everyRequestNamesTheClientAndItsBuiltVersionInUserAgent() {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        try (AttachmentsApi api = f.api()) {
            api.getAttachment(gid).join();
        }

        assertThat(f.server.requests().get(0).header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua)
                .matches("attache-client/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java [^;]+; .+\\)"));
    }

    @Test
    void everyRequestSendsTheClientLibHeaderInAsanasFormat() {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        try (AttachmentsApi api = f.api()) {
            api.getAttachment(gid).join();
        }

        assertThat(f.server.requests().get(0).header("X-Asana-Client-Lib")).hasValueSatisfying(lib -> assertThat(lib)
                .matches("version=\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?&language=Java&language_version=[^&]+&os=[^&]+&os_version=[^&]+"));
    }

    @Test
    void defaultBaseUriIsAsanasApi() throws Exception {
        // The JDK tunnels https through a proxy with CONNECT host:port, which names where the client went.
        ScriptedServer proxy = new ScriptedServer();
        proxy.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.reset();
        });
        HttpClient viaProxy = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.url("/").getPort())))
                .build();
        try (proxy; AttachmentsApi api = AttachmentsApi.builder().token(Fixture.TOKEN).httpClient(viaProxy)
                .retry(RetryPolicy.none()).build()) {
            api.getAttachment(gid).handle((a, e) -> null).join();
        }

        // The JDK may try the tunnel twice after the reset; every try goes to Asana.
        assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.method() + " " + r.target())
                .isEqualTo("CONNECT app.asana.com:443"));
    }

    @Test
    void listenerHearsStartEachAttemptsBytesTheRetryAndTheEnd() {
        f.server.enqueue(Actions.json(503, "{\"errors\":[{\"message\":\"busy\"}]}", java.util.Map.of("X-Request-Id", "r1")),
                Actions.ok(Fixture.attachmentJson("7", "a")));
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CallListener listener = new CallListener() {
            @Override
            public void callStart(CallInfo call) {
                events.add("start " + call.method() + " " + call.path());
            }

            @Override
            public void attemptEnd(CallInfo call, int attempt, int status, long sent, long received,
                    @Nullable String requestId) {
                events.add("attempt " + attempt + " " + status + " received>0=" + (received > 0) + " id=" + requestId);
            }

            @Override
            public void retry(CallInfo call, int nextAttempt, Duration delay) {
                events.add("retry " + nextAttempt + " after " + delay.toMillis() + "ms");
            }

            @Override
            public void callEnd(CallInfo call, Duration elapsed, @Nullable Throwable failure) {
                events.add("end " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
                ended.complete(null);
            }
        };
        try (AttachmentsApi api = f.builder().listener(listener).build()) {
            api.getAttachment(gid).join();
            ended.join();
        }

        assertThat(events).containsExactly(
                "start GET /attachments/7",
                "attempt 1 503 received>0=true id=r1",
                "retry 2 after 750ms",
                "attempt 2 200 received>0=true id=null",
                "end ok");
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCall() {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "a")));
        CallListener broken = new CallListener() {
            @Override
            public void callStart(CallInfo call) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (AttachmentsApi api = f.builder().listener(broken).build()) {
            assertThat(api.getAttachment(gid).join().name()).isEqualTo("a");
        }
    }
}
