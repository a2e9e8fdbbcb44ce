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
 * The options every client command shares: the server, the token, the CA file to trust and
 * {@code --verbose}. The
 * token's value never appears in help, output or logs. Options win over environment variables,
 * which win over the sign-in {@code attache login} saved, which wins over a local server's dev token.
 */
final class ConnectionOptions {

    static final String DEFAULT_HOST = "http://127.0.0.1:8080/api/1.0";
    static final String DEFAULT_DATA_DIR = "attache-data";

    @Option(names = "--host", paramLabel = "URL",
            description = "API root, server root (/api/1.0 is added) or host:port (env ASANA_BASE_URL; default: "
                    + "the host of 'attache login', else " + DEFAULT_HOST + ").")
    @Nullable String host;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Personal access token (env ASANA_ACCESS_TOKEN). Prefer --token-file: "
                    + "a token on the command line shows in the process list.")
    @Nullable String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the token from the first line of FILE.")
    @Nullable Path tokenFile;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "With no token given and a loopback --host, use DIR/dev-token, the token a local "
                    + "Attaché server writes on first start (env ATTACHE_DATA_DIR, default " + DEFAULT_DATA_DIR + ").")
    @Nullable Path dataDir;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "For an https --host, trust only the certificates in this PEM file, such as "
                    + "<data dir>/tls/self-signed.pem of 'attache serve --tls-self-signed' (env ATTACHE_CA_FILE).")
    @Nullable Path caFile;

    @Option(names = {"-v", "--verbose"},
            description = "On failure, also print the request (method and path) and the stack trace.")
    boolean verbose;

    /**
     * Resolves the options into a connection.
     *
     * @param env the environment variables
     * @return the API root, the token, where it came from and the CA file to trust
     * @throws UsageException if {@code --host} is malformed, the saved sign-in cannot be read or no
     *     token can be found (exit code 2)
     */
    Connection connection(Environment env) {
        Optional<String> hostGiven = Optional.ofNullable(host).or(() -> env.get("ASANA_BASE_URL"));
        boolean tokenGiven = token != null && !token.isBlank() || tokenFile != null || env.get("ASANA_ACCESS_TOKEN").isPresent();
        Optional<SavedSignIn> saved = hostGiven.isPresent() && tokenGiven ? Optional.empty() : SavedSignIn.read(env);
        URI base = hostGiven.map(ApiRoot::parse)
                .orElseGet(() -> saved.map(s -> s.signIn().host()).orElseGet(() -> ApiRoot.parse(DEFAULT_HOST)));
        // The saved token goes only to the host it was saved for, never to another one named by --host.
        Optional<SavedSignIn> forBase = saved.filter(s -> s.signIn().host().equals(base));
        Path trusted = caFile != null ? caFile : env.get("ATTACHE_CA_FILE").filter(v -> !v.isBlank()).map(Path::of)
                .orElseGet(() -> forBase.map(s -> s.signIn().caFile()).orElse(null));
        if (token != null && !token.isBlank()) {
            return new Connection(base, token.strip(), "the token from --token", trusted);
        }
        if (tokenFile != null) {
            String fromFile = tokenFileLine(tokenFile).orElseThrow(() -> usage("--token-file " + tokenFile + " is empty."));
            return new Connection(base, fromFile, "the token from --token-file " + tokenFile, trusted);
        }
        Optional<String> fromEnv = env.get("ASANA_ACCESS_TOKEN");
        Path devToken = devToken(env);
        if (fromEnv.isPresent()) {
            String note = isLoopback(base) && Files.isRegularFile(devToken)
                    ? " (it is used before " + devToken + "; unset ASANA_ACCESS_TOKEN to use that)" : "";
            return new Connection(base, fromEnv.get().strip(), "the token from ASANA_ACCESS_TOKEN" + note, trusted);
        }
        if (forBase.isPresent()) {
            return new Connection(base, forBase.get().signIn().token(), forBase.get().tokenSource(), trusted);
        }
        if (isLoopback(base) && Files.isRegularFile(devToken)) {
            String dev = firstLine(devToken).orElseThrow(() -> usage(devToken + " is empty."));
            return new Connection(base, dev, "the token from " + devToken + " (the local server's dev token)", trusted);
        }
        throw usage("No token: run 'attache login', pass --token-file FILE or --token TOKEN, or set ASANA_ACCESS_TOKEN"
                + (isLoopback(base) ? " (no dev-token in " + devToken.getParent() + ")." : "."));
    }

    private Path devToken(Environment env) {
        Path dir = dataDir != null ? dataDir : Path.of(env.get("ATTACHE_DATA_DIR").orElse(DEFAULT_DATA_DIR));
        return dir.resolve("dev-token");
    }

    private static UsageException usage(String message) {
        return new UsageException(message);
    }

    /** The token file's first line, or a usage error naming the flag when the file cannot be read. */
    static Optional<String> tokenFileLine(Path file) {
        if (Files.isDirectory(file)) {
            throw usage("--token-file " + file + " is a directory; give the file that holds the token.");
        }
        try {
            return firstLine(file);
        } catch (UncheckedIOException e) {
            throw new UsageException("--token-file " + file + " cannot be read: " + Failures.fileSystem(e.getCause())
                    .replace(": " + file, "") + ".", e);
        }
    }

    private static Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
