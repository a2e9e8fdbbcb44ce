package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.ParentGid;
import dev.attache.client.RetryPolicy;
import dev.attache.client.Upload;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

/** {@code --ca-file} against a real server serving HTTPS with its self-signed certificate. */
class CaFileTest {

    @RegisterExtension
    static final AttacheExtension ATTACHE = AttacheExtension.builder()
            .server(AttacheServer.Builder::selfSignedTls)
            .build();

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final Cli cli;
    private String task;

    CaFileTest(AttacheServer server) {
        this.server = server;
        this.cli = new Cli(server);
    }

    @BeforeEach
    void uploadAFile() {
        task = server.createTask("t").value();
        try (AttachmentsApi trusting = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                .trustedCertificates(selfSignedCertificate()).build()) {
            trusting.createAttachmentForObject(ParentGid.of(task), Upload.bytes("over-tls.txt", "a".getBytes(StandardCharsets.UTF_8)))
                    .join();
        }
    }

    private Path selfSignedCertificate() {
        return server.selfSignedCertificate();
    }

    @Test
    void theServerSpeaksHttps() {
        assertThat(server.apiBaseUri().toString()).startsWith("https://127.0.0.1:");
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
        assertThat(run.err()).isEqualTo("attache: the certificate of " + server.apiBaseUri().toString() + " is not signed by a CA in "
                + "the JDK's trust store; pass --ca-file FILE with the server's certificate or its CA's "
                + "(for 'attache serve --tls-self-signed' that is <data dir>/tls/self-signed.pem)\n");
    }

    @Test
    void aCaFileWithAnotherCertificateIsNamedAsTheOneThatDoesNotTrustTheServer() throws Exception {
        Path otherCertificate;
        try (AttacheServer other = AttacheServer.builder().dataDir(dir.resolve("other")).selfSignedTls().start()) {
            otherCertificate = other.selfSignedCertificate();
        }

        Cli.Run run = cli.connectingWith(withoutRetries()).run("ls", "--parent", task, "--ca-file", otherCertificate.toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).startsWith("attache: the certificate of " + server.apiBaseUri().toString() + " is not signed by a CA in "
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
