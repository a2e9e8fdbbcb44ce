package dev.attache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.ForwardingBlobStore;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** {@code /health/live} and {@code /health/ready} (docs/api.md §8) while the blob store answers, fails, or hangs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbesTest {

    @TempDir
    static Path dir;
    SwitchableBlobStore blobs;
    TestServer server;

    @BeforeAll
    void start() throws IOException {
        blobs = new SwitchableBlobStore(FileBlobStore.open(dir.resolve("blobs")));
        server = TestServer.start(dir, blobs);
    }

    @AfterEach
    void blobStoreAnswersAgain() {
        blobs.answer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void liveIs200WhileTheProcessServes() {
        Reply r = probe("/health/live");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyIs200NamingEachDependencyWhenBothAnswer() {
        Reply r = probe("/health/ready");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("database").asText()).isEqualTo("ok");
        assertThat(r.json().get("blob_store").asText()).isEqualTo("ok");
        assertThat(r.json().get("draining").asBoolean()).isFalse();
    }

    @Test
    void readyIs503NamingTheBlobStoreWhenItIsDown() {
        blobs.fail();

        Reply r = probe("/health/ready");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("status").asText()).isEqualTo("unavailable");
        assertThat(r.json().get("blob_store").asText()).isEqualTo("unavailable");
        assertThat(r.json().get("database").asText()).isEqualTo("ok");
    }

    @Test
    void readyAnswers503InsteadOfHangingWhenTheBlobStoreCheckHangs() {
        blobs.hang();

        Reply r = probe("/health/ready");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("blob_store").asText()).isEqualTo("unavailable");
    }

    @Test
    void liveIs200WhileTheBlobStoreCheckHangs() {
        blobs.hang();
        probe("/health/ready");

        Reply r = probe("/health/live");

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void probesNeedNoToken() {
        Reply r = server.send(HttpRequest.newBuilder(server.root("/health/ready")).header("Authorization", "Bearer nonsense").GET().build());

        assertThat(r.status()).isEqualTo(200);
    }

    /** A probe with a deadline far above the server's own bound: a hanging probe fails the test instead of stalling it. */
    private Reply probe(String path) {
        return server.send(HttpRequest.newBuilder(server.root(path)).timeout(java.time.Duration.ofSeconds(20)).GET().build());
    }

    /** A file store whose health check answers, fails or hangs, as the test says. */
    static final class SwitchableBlobStore extends ForwardingBlobStore {
        private volatile boolean failing;
        private volatile CountDownLatch hanging = new CountDownLatch(0);

        SwitchableBlobStore(FileBlobStore files) {
            super(files);
        }

        void fail() {
            failing = true;
        }

        void hang() {
            hanging = new CountDownLatch(1);
        }

        /** Answers again; a check that hung returns, and (read after its wait) says the store works. */
        void answer() {
            failing = false;
            hanging.countDown();
        }

        @Override
        public boolean isHealthy() {
            try {
                hanging.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !failing && super.isHealthy();
        }
    }
}
