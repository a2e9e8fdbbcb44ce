package dev.attache.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsKeysTest {

    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsMadeOnceAndKeptInTheDataDirectory() throws Exception {
        TlsKeys first = TlsKeys.load(TlsSource.selfSigned(), dir, "127.0.0.1", Clock.systemUTC());
        TlsKeys second = TlsKeys.load(TlsSource.selfSigned(), dir, "127.0.0.1", Clock.systemUTC());

        assertThat(Files.exists(TlsKeys.selfSignedCertificate(dir))).isTrue();
        assertThat(second.keyStore().getCertificate("attache")).isEqualTo(first.keyStore().getCertificate("attache"));
    }

    @Test
    void onlyTheSelfSignedCertificateCountsAsSelfSigned() throws Exception {
        TlsKeys selfSigned = TlsKeys.load(TlsSource.selfSigned(), dir, "127.0.0.1", Clock.systemUTC());
        TlsKeys operators = TlsKeys.load(TlsSource.pemFiles(TlsKeys.selfSignedCertificate(dir),
                TlsKeys.selfSignedCertificate(dir).resolveSibling("self-signed-key.pem")), dir, "127.0.0.1", Clock.systemUTC());

        assertThat(selfSigned.selfSigned()).isTrue();
        assertThat(operators.selfSigned()).isFalse();
    }

    @Test
    void selfSignedCertificateNamesLocalhostAndTheLoopbackAddresses() throws Exception {
        TlsKeys keys = TlsKeys.load(TlsSource.selfSigned(), dir, "10.1.2.3", Clock.systemUTC());

        X509Certificate certificate = (X509Certificate) keys.keyStore().getCertificate("attache");
        assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
                .contains("localhost", "127.0.0.1", "10.1.2.3");
    }

    @Test
    void keyFileWithoutAKeyIsRefusedNamingTheFile() throws Exception {
        Path certificate = dir.resolve("cert.pem");
        SelfSignedCertificate.write(List.of("localhost"), Clock.systemUTC(), certificate, dir.resolve("key.pem"));

        assertThatThrownBy(() -> TlsKeys.load(TlsSource.pemFiles(certificate, certificate), dir, "127.0.0.1", Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("cert.pem: holds no PEM private key");
    }

    @Test
    void certificateFileWithoutACertificateIsRefusedNamingTheFile() throws Exception {
        Path key = dir.resolve("key.pem");
        SelfSignedCertificate.write(List.of("localhost"), Clock.systemUTC(), dir.resolve("cert.pem"), key);

        assertThatThrownBy(() -> TlsKeys.load(TlsSource.pemFiles(key, key), dir, "127.0.0.1", Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("key.pem: holds no PEM certificate");
    }
}
