package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.server.ServerConfig;
import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of {@link RealServerContractTest} over HTTPS: the server serves its self-signed
 * certificate (HTTP/2 by ALPN), and the client trusts it with {@code trustedCertificates}.
 */
class HttpsRealServerContractTest extends RealServerContractTest {

    @Override
    ServerConfig.Builder configure(ServerConfig.Builder config) {
        return config.tls(TlsSource.selfSigned());
    }

    @Override
    AttachmentsApiBuilder client() {
        return super.client().trustedCertificates(caFile());
    }

    private Path caFile() {
        return TlsKeys.selfSignedCertificate(server.dataDir());
    }

    @Test
    void theServerUnderTestSpeaksHttps() {
        assertThat(server.apiBaseUri().getScheme()).isEqualTo("https");
    }

    @Test
    @Override
    @Disabled("its cutting proxy reads plain HTTP to find the download to drop; RealServerContractTest runs it")
    void droppedDownloadResumesWithRangeAndYieldsTheSameBytes(@TempDir Path otherData) {
    }
}
