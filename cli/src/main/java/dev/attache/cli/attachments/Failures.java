package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.ExitCode;
import dev.attache.client.AsanaApiException;
import dev.attache.client.AsanaTransportException;
import dev.attache.client.AuthenticationException;
import dev.attache.client.ForbiddenException;
import dev.attache.client.NotFoundException;
import dev.attache.client.RateLimitedException;

/**
 * Puts what went wrong into plain words: the server's message and status, the host that could not
 * be reached, the token source that was refused, the file the file system refused. No Java class
 * name reaches the message; {@code --verbose} shows the exception itself.
 */
public final class Failures {

    /** Where a token comes from, for a person whose token was refused. */
    static final String NEW_TOKEN = "get a new one: on the Attaché server's machine 'attache admin token create --user GID', "
            + "or on Asana a personal access token from the developer console (https://app.asana.com/0/my-apps)";

    private Failures() {
    }

    /**
     * Explains a failure.
     *
     * @param thrown     what a command or a future failed with, wrapped or not
     * @param connection where the command sent requests, or null before it knew
     * @return the words and the exit code
     */
    public static Failure explain(Throwable thrown, @Nullable Connection connection) {
        Throwable t = unwrapped(thrown);
        if (t instanceof UsageException || t instanceof LocalFileException) {
            return new Failure(ExitCode.USAGE, t.getMessage(), t);
        }
        if (t instanceof AsanaApiException api) {
            return api(api, connection);
        }
        if (t instanceof AsanaTransportException) {
            return new Failure(ExitCode.NETWORK, unreachable(t.getCause(), connection), t);
        }
        if (t instanceof UncheckedIOException || t instanceof IOException) {
            IOException io = t instanceof UncheckedIOException u ? u.getCause() : (IOException) t;
            return new Failure(ExitCode.ERROR, fileSystem(io), t);
        }
        String message = t.getMessage();
        return new Failure(ExitCode.ERROR, message == null || message.isBlank()
                ? "unexpected failure; run again with --verbose for details" : message, t);
    }

    private static Failure api(AsanaApiException api, @Nullable Connection connection) {
        String text = api.errors().isEmpty() ? "the server answered HTTP " + api.status()
                : api.errors().stream().map(e -> e.message()).collect(Collectors.joining("; "));
        String retry = api.retryAfterHeader().map(d -> ", retry after " + d.toSeconds() + "s").orElse("");
        String message = text + " (HTTP " + api.status() + retry + ")";
        if (api instanceof AuthenticationException || api instanceof ForbiddenException) {
            String source = connection == null ? "the token" : connection.tokenSource();
            String verdict = api instanceof AuthenticationException ? " was refused: " : " lacks access: ";
            String again = connection != null && SavedSignIn.isSourceOf(connection) ? ", then 'attache login' with it" : "";
            String next = api instanceof AuthenticationException ? "; " + NEW_TOKEN + again : "";
            return new Failure(ExitCode.NOT_AUTHORIZED, source + verdict + message + next, api);
        }
        if (api instanceof NotFoundException) {
            if (text.startsWith("No matching route") && connection != null) {
                message += "; is " + connection.baseUri() + " the API root? It ends in " + ApiRoot.API_PATH
                        + "; --host also takes a server root such as http://127.0.0.1:8080";
            }
            return new Failure(ExitCode.NOT_FOUND, message, api);
        }
        if (api instanceof RateLimitedException) {
            return new Failure(ExitCode.RATE_LIMITED, message, api);
        }
        return new Failure(ExitCode.ERROR, message, api);
    }

    private static String unreachable(@Nullable Throwable cause, @Nullable Connection connection) {
        String where = connection == null ? "the server" : connection.baseUri().toString();
        if (untrustedCertificate(cause)) {
            String trusted = connection == null || connection.caFile() == null
                    ? "the JDK's trust store" : "--ca-file " + connection.caFile();
            return "the certificate of " + where + " is not signed by a CA in " + trusted
                    + "; pass --ca-file FILE with the server's certificate or its CA's (for 'attache serve "
                    + "--tls-self-signed' that is <data dir>/tls/self-signed.pem)";
        }
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof HttpConnectTimeoutException ? "no answer to the connection attempt"
                : cause instanceof HttpTimeoutException ? "the server stopped answering"
                : cause instanceof UnknownHostException ? "unknown host"
                : cause == null || cause.getMessage() == null ? "the connection failed"
                : cause.getMessage();
        String hint = connection != null && ConnectionOptions.isLoopback(connection.baseUri())
                ? "is the server running? Start one with 'attache serve', or point --host at another"
                : "check --host (or ASANA_BASE_URL) and the network";
        return "cannot reach " + where + " (" + why + "); " + hint;
    }

    /** True when TLS failed because no trusted CA vouches for the server's certificate. */
    private static boolean untrustedCertificate(@Nullable Throwable cause) {
        boolean handshake = false;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            handshake |= t instanceof SSLHandshakeException;
            if (handshake && (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException)) {
                return true;
            }
        }
        return false;
    }

    /** A file-system failure as "what: which file". */
    static String fileSystem(@Nullable IOException e) {
        if (e == null) {
            return "a file could not be read or written";
        }
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : fs.getFile();
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof DirectoryNotEmptyException ? "directory not empty"
                    : fs.getReason() == null ? "cannot be read or written" : fs.getReason().toLowerCase(Locale.ROOT);
            String other = fs.getOtherFile() == null ? "" : " (and " + fs.getOtherFile() + ")";
            return what + ": " + file + other;
        }
        return e.getMessage() == null ? "a file could not be read or written" : e.getMessage();
    }

    /**
     * The failure a future's wrapper hides.
     *
     * @param failure what a future or a command failed with
     * @return the first cause that is not a {@code CompletionException} or {@code ExecutionException}
     */
    public static Throwable unwrapped(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
