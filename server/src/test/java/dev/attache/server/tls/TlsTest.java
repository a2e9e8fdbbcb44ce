package dev.attache.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.server.embedded.EmbeddedServer;
import dev.attache.server.testing.Multipart;

/** HTTPS on the server itself, from a test certificate in PEM files: HTTP/2 and HTTP/1.1, curl and the JDK. */
class TlsTest {

    @TempDir
    Path dir;

    private Path certificate;
    private EmbeddedServer server;
    private HttpClient http2;

    @BeforeEach
    void start() throws Exception {
        certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.write(List.of("localhost", "127.0.0.1"), Clock.systemUTC(), certificate, key);
        server = EmbeddedServer.builder().dataDir(dir.resolve("data")).withoutTestControls()
                .configure(c -> c.tls(TlsSource.pemFiles(certificate, key))).start();
        http2 = TrustingClients.client(certificate, HttpClient.Version.HTTP_2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + server.token()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiBaseUriIsHttps() {
        assertThat(server.apiBaseUri().getScheme()).isEqualTo("https");
    }

    @Test
    void jdkClientGetsHttp2() throws Exception {
        HttpResponse<String> reply = get(http2, server.apiBaseUri().resolve("/api/1.0/users/me"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void clientOfferingOnlyHttp11GetsHttp11() throws Exception {
        HttpClient http1 = TrustingClients.client(certificate, HttpClient.Version.HTTP_1_1);

        HttpResponse<String> reply = get(http1, server.apiBaseUri().resolve("/api/1.0/users/me"));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void answersWithTheOperatorsCertificateAskBrowsersToKeepToHttps() throws Exception {
        HttpResponse<String> reply = get(http2, server.baseUri().resolve("/health"));

        assertThat(reply.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void clientThatDoesNotTrustTheCertificateIsRefusedTheHandshake() {
        HttpClient untrusting = HttpClient.newHttpClient();

        assertThatThrownBy(() -> get(untrusting, server.baseUri().resolve("/health"))).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void curlTrustingTheCaFileSpeaksHttp2() throws Exception {
        assertThat(curl("--http2", server.baseUri() + "/health")).isEqualTo("200 2");
    }

    @Test
    void curlLimitedToTls12StillConnects() throws Exception {
        assertThat(curl("--http1.1", "--tlsv1.2", "--tls-max", "1.2", server.baseUri() + "/health")).isEqualTo("200 1.1");
    }

    private String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--cacert", certificate.toString(),
                "-o", "/dev/null", "-w", "%{http_code} %{http_version}"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void downloadAndPermanentUrlsAreHttpsAndServeTheBytes() throws Exception {
        String task = task();
        JsonNode attachment = upload(task, "hello");

        assertThat(attachment.get("permanent_url").asText()).startsWith("https://");
        HttpResponse<String> download = http2.send(HttpRequest.newBuilder(URI.create(attachment.get("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.body()).isEqualTo("hello");
    }

    @Test
    void nextPageUriIsHttps() throws Exception {
        String task = task();
        upload(task, "a");
        upload(task, "b");

        JsonNode page = new ObjectMapper().readTree(get(http2, server.apiBaseUri().resolve("/api/1.0/attachments?parent=" + task + "&limit=1")).body());

        assertThat(page.get("next_page").get("uri").asText()).startsWith("https://");
    }

    private String task() {
        return server.createTask("t");
    }

    private JsonNode upload(String parent, String text) throws Exception {
        Multipart form = Multipart.form().field("parent", parent).file(text + ".txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> reply = http2.send(HttpRequest.newBuilder(server.apiBaseUri().resolve("/api/1.0/attachments"))
                .header("Authorization", "Bearer " + server.token()).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return new ObjectMapper().readTree(reply.body()).get("data");
    }
}
