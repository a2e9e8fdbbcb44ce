package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.ExitCode;
import dev.attache.cli.signin.SignIn;
import dev.attache.cli.signin.SignInFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attache login}: checks a token against the server ({@code GET /users/me}) and, once the
 * server knows it, saves the host and the token for the client commands. Nothing is saved when the
 * check fails. The token is never echoed, printed or logged.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Checks a token against the server and saves the host and the token for the client commands in "
                + "$XDG_CONFIG_HOME/attache/credentials (default ~/.config/attache/credentials), readable by you alone.",
                "The token comes from --token-file, else is asked for on the terminal (not echoed), else is the first "
                        + "line of standard input. Options and environment variables still win over the saved sign-in; "
                        + "its token is sent only to its own host."},
        footer = {"", "Example:", "  attache login --host https://attache.example.com",
                "  attache login --host https://app.asana.com --token-file ~/.asana-token",
                "  pass show asana-token | attache login --host https://app.asana.com"})
final class LoginCommand implements Callable<Integer> {

    private final ClientContext context;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--host", paramLabel = "URL",
            description = "API root, server root or host:port to sign in to (env ASANA_BASE_URL; default: the host "
                    + "signed in to before, else " + ConnectionOptions.DEFAULT_HOST + ").")
    private @Nullable String host;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from the first line of FILE.")
    private @Nullable Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "For an https host with a private certificate, trust only the certificates in this PEM file; "
                    + "saved with the sign-in (env ATTACHE_CA_FILE).")
    private @Nullable Path caFile;

    @Option(names = {"-v", "--verbose"}, description = "On failure, also print the stack trace.")
    private boolean verbose;

    LoginCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Environment env = context.environment();
        SignInFile file = SavedSignIn.file(env).orElseThrow(() -> new UsageException(
                "nowhere to save the sign-in: neither XDG_CONFIG_HOME nor HOME is set."));
        URI base = ApiRoot.parse(Optional.ofNullable(host).or(() -> env.get("ASANA_BASE_URL"))
                .orElseGet(() -> previousHost(env).map(URI::toString).orElse(ConnectionOptions.DEFAULT_HOST)));
        Path trusted = caFile != null ? caFile : env.get("ATTACHE_CA_FILE").map(Path::of).orElse(null);
        String token = token(base);
        Connection connection = new Connection(base, token, "the token given to 'attache login'", trusted);
        CurrentUser user = CurrentUser.of(connection);
        try {
            file.write(new SignIn(base, token, trusted == null ? null : trusted.toAbsolutePath()));
        } catch (IOException e) {
            throw new CommandFailedException(new Failure(ExitCode.ERROR, "the sign-in cannot be saved: "
                    + Failures.fileSystem(e), e));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Signed in to " + base + " as " + user.described() + "; saved in "
                + SavedSignIn.shown(file.path(), env) + ". 'attache logout' removes it.");
        out.flush();
        return 0;
    }

    /** The host of the sign-in saved before, so signing in again needs no --host; none when unreadable. */
    private static Optional<URI> previousHost(Environment env) {
        try {
            return SavedSignIn.read(env).map(s -> s.signIn().host());
        } catch (UsageException unreadable) {
            return Optional.empty();
        }
    }

    private String token(URI base) {
        Optional<String> token;
        if (tokenFile != null) {
            token = ConnectionOptions.tokenFileLine(tokenFile);
            if (token.isEmpty()) {
                throw new UsageException("--token-file " + tokenFile + " is empty.");
            }
        } else if (context.terminal().stdinIsTerminal()) {
            token = context.terminal().readSecret("Token for " + base + ": ").map(String::strip);
        } else {
            token = context.terminal().readLine().map(String::strip);
        }
        return token.filter(t -> !t.isEmpty()).orElseThrow(() -> new UsageException(
                "No token given: type or paste it when asked, pipe it to standard input, or pass --token-file FILE."));
    }
}
