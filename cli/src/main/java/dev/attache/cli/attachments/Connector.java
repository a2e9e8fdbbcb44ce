package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.AttachmentsApiBuilder;
import dev.attache.client.CallListener;
import dev.attache.client.TrustedCertificates;

/**
 * Builds the one {@link AttachmentsApi} a client command uses, once its connection options are
 * parsed. {@code Main} builds a single connector and hands it to every client command.
 */
@FunctionalInterface
public interface Connector {

    /**
     * Builds a client for {@code connection}.
     *
     * @param connection the API root, token and CA file
     * @return a client that has sent nothing yet
     * @throws UsageException when the CA file cannot be read or holds no certificate
     */
    AttachmentsApi open(Connection connection);

    /**
     * Builds a client for {@code connection} that tells {@code listener} about its calls.
     *
     * @param connection the API root, token and CA file
     * @param listener   hears each call and retry, to say on standard error that a retry is coming
     * @return a client that has sent nothing yet
     */
    default AttachmentsApi open(Connection connection, CallListener listener) {
        return open(connection);
    }

    /**
     * The connector for real use: the client's defaults for retries, timeouts and concurrency.
     *
     * @return the connector
     */
    static Connector http() {
        return new Connector() {
            @Override
            public AttachmentsApi open(Connection connection) {
                return open(connection, CallListener.none());
            }

            @Override
            public AttachmentsApi open(Connection c, CallListener listener) {
                AttachmentsApiBuilder builder = AttachmentsApi.builder().baseUri(c.baseUri()).token(c.token())
                        .listener(listener);
                if (c.caFile() != null) {
                    trust(builder, c.caFile());
                }
                return builder.build();
            }
        };
    }

    /**
     * Trusts the certificates in {@code caFile}, or explains in one line why that file will not do:
     * a wrong path is the person's to fix, so it is a usage error rather than a failure.
     *
     * @param builder the client being built
     * @param caFile  the {@code --ca-file} (or {@code ATTACHE_CA_FILE}) path
     * @throws UsageException naming the file when it cannot be read or holds no certificate
     */
    static void trust(AttachmentsApiBuilder builder, Path caFile) {
        readingCaFile(caFile, builder::trustedCertificates);
    }

    /**
     * A TLS context that trusts the certificates in {@code caFile} alone, for a request made without the
     * client, with the same explanations as {@link #trust}.
     *
     * @param caFile the {@code --ca-file} (or {@code ATTACHE_CA_FILE}) path
     * @return the context
     * @throws UsageException naming the file when it cannot be read or holds no certificate
     */
    static SSLContext sslContext(Path caFile) {
        return readingCaFile(caFile, TrustedCertificates::sslContext);
    }

    private static <T> T readingCaFile(Path caFile, Function<Path, T> read) {
        if (Files.isDirectory(caFile)) {
            throw new UsageException("--ca-file " + caFile + " is a directory; give the PEM file itself.");
        }
        try {
            return read.apply(caFile);
        } catch (UncheckedIOException e) {
            throw new UsageException("--ca-file " + caFile + " cannot be read: " + reason(e.getCause()) + ".", e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ca-file " + caFile
                    + " holds no PEM certificate (one starts with -----BEGIN CERTIFICATE-----).", e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? "read failed" : e.getMessage();
    }
}
