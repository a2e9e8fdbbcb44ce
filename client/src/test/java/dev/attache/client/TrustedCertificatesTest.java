package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.server.embedded.EmbeddedServer;
import dev.attache.server.tls.SelfSignedCertificate;
import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {

    @TempDir
    Path dir;

    /** A server with a self-signed certificate, written to the test's data directory. */
    private EmbeddedServer httpsServer() {
        return EmbeddedServer.builder().dataDir(dir).configure(c -> c.tls(TlsSource.selfSigned())).start();
    }

    @Test
    void clientWithoutTheCaFileIsRefusedByAServerWithASelfSignedCertificate() throws Exception {
        try (EmbeddedServer server = httpsServer()) {
            AttachmentsApi untrusting = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token()).build();

            assertThatThrownBy(() -> untrusting.getAttachment(AttachmentGid.of("1")).join())
                    .cause().isInstanceOf(AsanaTransportException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void clientTrustingTheCaFileReachesTheServer() throws Exception {
        try (EmbeddedServer server = httpsServer()) {
            AttachmentsApi trusting = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                    .trustedCertificates(TlsKeys.selfSignedCertificate(dir)).build();

            assertThatThrownBy(() -> trusting.getAttachment(AttachmentGid.of("1")).join())
                    .cause().isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void oauthProviderTrustingTheCaFileReachesTheTokenEndpoint() throws Exception {
        try (EmbeddedServer server = httpsServer()) {
            OAuthTokenProvider tokens = OAuthTokenProvider.builder().tokenEndpoint(server.baseUri().resolve("/-/oauth_token"))
                    .client("1", "unknown").refreshToken("2/1/2:00000000000000000000000000000000")
                    .trustedCertificates(TlsKeys.selfSignedCertificate(dir)).build();

            assertThatThrownBy(() -> tokens.token().join())
                    .cause().isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_client");
        }
    }

    @Test
    void missingCaFileFailsAtOnceNamingIt() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> AttachmentsApi.builder().trustedCertificates(missing))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("nope.pem");
    }

    @Test
    void fileWithoutCertificatesIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> AttachmentsApi.builder().trustedCertificates(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.pem");
    }

    @Test
    void caFileWithAnOwnHttpClientIsAConflict() throws Exception {
        Path certificate = dir.resolve("cert.pem");
        SelfSignedCertificate.write(List.of("localhost"), Clock.systemUTC(), certificate, dir.resolve("key.pem"));
        AttachmentsApiBuilder builder = AttachmentsApi.builder().baseUri(URI.create("https://127.0.0.1:1/api/1.0")).token("t")
                .trustedCertificates(certificate).httpClient(HttpClient.newHttpClient());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("trustedCertificates");
    }
}
