package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.RetryPolicy;
import dev.attache.server.ServerConfig;
import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;

/** {@code --ca-file} against a real server serving HTTPS with its self-signed certificate. */
class CaFileTest {

    @TempDir
    Path dir;

    private Path data;
    private String task;
    private TestServer server;
    private Cli cli;

    @BeforeEach
    void start() {
        data = dir.resolve("data");
        // State is set up over plain HTTP; the same data directory is then served over HTTPS.
        try (TestServer plain = new TestServer(data)) {
            task = plain.newTask();
            plain.upload(task, "over-tls.txt", "a".getBytes(StandardCharsets.UTF_8));
        }
        server = new TestServer(ServerConfig.builder(data).forTests().tls(TlsSource.selfSigned()).build());
        cli = new Cli(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path selfSignedCertificate() {
        return TlsKeys.selfSignedCertificate(data);
    }

    @Test
    void theServerSpeaksHttps() {
        assertThat(server.api()).startsWith("https://127.0.0.1:");
    }

    @Test
    void listingOverHttpsSucceedsWhenTheCaFileHoldsTheServersCertificate() {
        Cli.Run run = cli.run("ls", "--parent", task, "--ca-file", selfSignedCertificate().toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("over-tls.txt");
    }

    @Test
    void theCaFileCanComeFromTheEnvironment() {
        Cli.Run run = cli.withEnv("ATTACHE_CA_FILE", selfSignedCertificate().toString()).run("ls", "--parent", task);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("over-tls.txt");
    }

    @Test
    void withoutTheCaFileTheUntrustedCertificateIsNamedWithTheFixInOneLine() {
        Cli.Run run = cli.connectingWith(withoutRetries()).run("ls", "--parent", task);

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).isEqualTo("attache: the certificate of " + server.api() + " is not signed by a CA in "
                + "the JDK's trust store; pass --ca-file FILE with the server's certificate or its CA's "
                + "(for 'attache serve --tls-self-signed' that is <data dir>/tls/self-signed.pem)\n");
    }

    @Test
    void aCaFileWithAnotherCertificateIsNamedAsTheOneThatDoesNotTrustTheServer() throws Exception {
        Path other = dir.resolve("other");
        new TestServer(ServerConfig.builder(other).forTests().tls(TlsSource.selfSigned()).build()).close();
        Path otherCertificate = TlsKeys.selfSignedCertificate(other);

        Cli.Run run = cli.connectingWith(withoutRetries()).run("ls", "--parent", task, "--ca-file", otherCertificate.toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).startsWith("attache: the certificate of " + server.api() + " is not signed by a CA in "
                + "--ca-file " + otherCertificate + ";");
    }

    @Test
    void aMissingCaFileIsAUsageErrorNamingTheFile() {
        Path missing = dir.resolve("missing.pem");

        Cli.Run run = cli.run("ls", "--parent", task, "--ca-file", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("attache: --ca-file " + missing + " cannot be read: no such file.\n");
    }

    @Test
    void aCaFileThatIsNotPemIsAUsageErrorNamingTheFile() throws Exception {
        Path notPem = Files.writeString(dir.resolve("token.txt"), "not a certificate\n");

        Cli.Run run = cli.run("ls", "--parent", task, "--ca-file", notPem.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("attache: --ca-file " + notPem
                + " holds no PEM certificate (one starts with -----BEGIN CERTIFICATE-----).\n");
    }

    @Test
    void aDirectoryAsCaFileIsAUsageErrorNamingIt() {
        Cli.Run run = cli.run("ls", "--parent", task, "--ca-file", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("attache: --ca-file " + dir + " is a directory; give the PEM file itself.\n");
    }

    /** The real connector's trust, without retrying a handshake that cannot succeed. */
    private static Connector withoutRetries() {
        return c -> {
            var builder = AttachmentsApi.builder().baseUri(c.baseUri()).token(c.token()).retry(RetryPolicy.none());
            if (c.caFile() != null) {
                Connector.trust(builder, c.caFile());
            }
            return builder.build();
        };
    }
}
