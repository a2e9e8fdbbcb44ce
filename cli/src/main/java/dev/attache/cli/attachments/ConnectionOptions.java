package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Option;

/**
 * The options every client command shares: the server, the token and {@code --verbose}. The
 * token's value never appears in help, output or logs.
 */
final class ConnectionOptions {

    static final String DEFAULT_HOST = "http://127.0.0.1:8080/api/1.0";

    @Option(names = "--host", paramLabel = "URL", defaultValue = "${env:ASANA_BASE_URL:-" + DEFAULT_HOST + "}",
            description = "API root (env ASANA_BASE_URL, default ${DEFAULT-VALUE}).")
    @Nullable URI host;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:ASANA_ACCESS_TOKEN}",
            description = "Personal access token (env ASANA_ACCESS_TOKEN). Prefer --token-file: "
                    + "a token on the command line shows in the process list.")
    @Nullable String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the token from the first line of FILE.")
    @Nullable Path tokenFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ATTACHE_DATA_DIR:-attache-data}",
            description = "With no token given and a loopback --host, use DIR/dev-token, the token a local "
                    + "Attaché server writes on first start (env ATTACHE_DATA_DIR, default ${DEFAULT-VALUE}).")
    @Nullable Path dataDir;

    @Option(names = {"-v", "--verbose"},
            description = "On failure, also print the request (method and path) and the stack trace.")
    boolean verbose;

    /**
     * Resolves the options into a connection.
     *
     * @return the API root and token
     * @throws UsageException if no token can be found (exit code 2)
     */
    Connection connection() {
        URI base = host == null ? URI.create(DEFAULT_HOST) : host;
        return new Connection(base, token(base));
    }

    private String token(URI base) {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        if (tokenFile != null) {
            return firstLine(tokenFile).orElseThrow(() -> usage("--token-file " + tokenFile + " is empty."));
        }
        Path devToken = (dataDir == null ? Path.of("attache-data") : dataDir).resolve("dev-token");
        if (isLoopback(base) && Files.isRegularFile(devToken)) {
            return firstLine(devToken).orElseThrow(() -> usage(devToken + " is empty."));
        }
        return throwNoToken(base);
    }

    private String throwNoToken(URI base) {
        throw usage("No token: pass --token-file FILE, --token TOKEN or set ASANA_ACCESS_TOKEN"
                + (isLoopback(base) ? " (no dev-token in " + dataDir + ")." : "."));
    }

    private static UsageException usage(String message) {
        return new UsageException(message);
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True for {@code localhost} and loopback literals; never looks a name up. */
    static boolean isLoopback(URI base) {
        String h = base.getHost();
        if (h == null) {
            return false;
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = h.startsWith("[") || h.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
