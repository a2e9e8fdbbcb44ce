package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.attache.server.ServerConfig;
import dev.attache.server.tls.TlsSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ServeTlsOptionsTest {

    private static ServerConfig config(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.config(null);
    }

    @Test
    void plainHttpWithoutTlsOptions() {
        assertThat(config().tls()).isNull();
    }

    @Test
    void certificateAndKeyFilesServeHttps() {
        assertThat(config("--tls-cert", "c.pem", "--tls-key", "k.pem").tls())
                .isEqualTo(TlsSource.pemFiles(Path.of("c.pem"), Path.of("k.pem")));
    }

    @Test
    void selfSignedServesHttpsWithTheKeptCertificate() {
        assertThat(config("--tls-self-signed").tls()).isInstanceOf(TlsSource.SelfSigned.class);
    }

    @Test
    void certificateWithoutKeyIsAUsageError() {
        assertThatThrownBy(() -> config("--tls-cert", "c.pem")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--tls-cert and --tls-key go together");
    }

    @Test
    void selfSignedWithCertificateIsAUsageError() {
        assertThatThrownBy(() -> config("--tls-self-signed", "--tls-cert", "c.pem", "--tls-key", "k.pem"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("exclude each other");
    }

    @Test
    void oauthTokenLifetimeIsConfigurable() {
        assertThat(config("--oauth-token-ttl", "10m").oauthAccessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
    }
}
