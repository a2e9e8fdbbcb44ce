package dev.attache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsTest {

    private static final Pattern UPLOAD_BYTES = Pattern.compile("(?m)^attache_upload_bytes_total(?:\\{[^}]*\\})? (\\S+)$");

    private static final Pattern DOWNLOAD_BYTES = Pattern.compile("(?m)^attache_download_bytes_total(?:\\{[^}]*\\})? (\\S+)$");

    @TempDir
    static Path dir;
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void healthIsOkWhenDatabaseAndBlobStoreAnswer() {
        Reply r = ops("/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void healthNeedsNoToken() {
        Reply r = server.send(HttpRequest.newBuilder(server.root("/health")).header("Authorization", "Bearer nonsense").GET().build());

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void metricsAreInPrometheusTextFormat() {
        Reply r = ops("/metrics");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.text()).contains("# TYPE ").contains("# HELP ");
    }

    @Test
    void metricsCountRequestsByRouteAndStatus() {
        server.get("/attachments/123456789");

        String metrics = ops("/metrics").text();

        assertThat(metrics).containsPattern("(?m)^attache_http_requests_seconds_count\\{[^}]*"
                + "route=\"/api/1\\.0/attachments/\\{attachment_gid\\}\"[^}]*status=\"404\"[^}]*\\} 1(\\.0)?$");
    }

    @Test
    void uploadedBytesCounterGrowsByTheFileSize() {
        String task = server.createTask("metrics");
        double before = uploadBytes();

        server.uploadFile(task, "m.bin", new byte[1234]);

        assertThat(uploadBytes() - before).isEqualTo(1234.0);
    }

    @Test
    void downloadedBytesCounterGrowsByTheBytesServed() {
        String task = server.createTask("metrics-out");
        String url = server.uploadFile(task, "d.bin", new byte[4321]).data().get("download_url").asText();
        double before = counter(DOWNLOAD_BYTES);

        server.send(HttpRequest.newBuilder(URI.create(url)).GET().build());

        assertThat(counter(DOWNLOAD_BYTES) - before).isEqualTo(4321.0);
    }

    private double uploadBytes() {
        return counter(UPLOAD_BYTES);
    }

    private double counter(Pattern series) {
        Matcher m = series.matcher(ops("/metrics").text());
        assertThat(m.find()).as(series + " in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private Reply ops(String path) {
        return server.send(HttpRequest.newBuilder(server.root(path)).GET().build());
    }
}
