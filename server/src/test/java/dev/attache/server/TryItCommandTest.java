package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;

/** The first-start banner's curl command works as printed. */
class TryItCommandTest {

    private final Path dataDir = Path.of("/srv/attache-data");

    @Test
    void overHttpsWithTheSelfSignedCertificateCurlIsToldToTrustIt() {
        ServerConfig config = ServerConfig.builder(dataDir).tls(TlsSource.selfSigned()).build();

        String command = App.tryIt(config, URI.create("https://127.0.0.1:8443/api/1.0"));

        assertThat(command).startsWith("curl --cacert " + TlsKeys.selfSignedCertificate(dataDir) + " -H ")
                .endsWith("https://127.0.0.1:8443/api/1.0/users/me");
    }

    @Test
    void overHttpCurlNeedsNoCertificate() {
        String command = App.tryIt(ServerConfig.defaults(dataDir), URI.create("http://127.0.0.1:8080/api/1.0"));

        assertThat(command).doesNotContain("--cacert").endsWith("http://127.0.0.1:8080/api/1.0/users/me");
    }
}
