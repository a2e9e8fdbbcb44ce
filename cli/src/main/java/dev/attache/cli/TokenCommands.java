package dev.attache.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.auth.TokenStore.IssuedToken;
import dev.attache.server.auth.TokenStore.TokenInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache admin token create|list|revoke}. Only {@code create} ever shows a token's secret, once. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Issues, lists and revokes access tokens.",
        footer = {"", "Example:", "  TOKEN=$(attache admin token create --user 5678 --name laptop)"})
final class TokenCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    TokenCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand; try 'attache admin token --help'.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Issues a token for a user and prints it alone on standard output. It is shown only now: "
                    + "the server keeps just its hash.",
                    "A personal access token has every scope; an OAuth token has only the scopes given."},
            footer = {"", "Examples:",
                    "  TOKEN=$(attache admin token create --user $ME --name laptop)",
                    "  attache admin token create --user $ME --oauth \\", "      --scope attachments:read --scope attachments:write"})
    int create(@Mixin DataDirOption data,
               @Option(names = "--user", required = true, paramLabel = "GID", description = "The user the token acts as.") long user,
               @Option(names = "--name", paramLabel = "NAME", defaultValue = "cli", description = "A label for token list (default ${DEFAULT-VALUE}).")
               String name,
               @Option(names = "--oauth", description = "Issue an OAuth token limited to the --scope values.") boolean oauth,
               @Option(names = "--scope", paramLabel = "SCOPE",
                       description = "attachments:read, attachments:write, attachments:delete or default (all); repeatable; "
                               + "only with --oauth.") List<String> scopes)
            throws IOException {
        Set<Scope> granted = scopes(oauth, scopes == null ? List.of() : scopes);
        IssuedToken issued;
        try (AdminStorage s = storage.open(data.dataDir)) {
            issued = s.admin().issueToken(user, oauth ? TokenKind.OAUTH : TokenKind.PERSONAL, granted, name);
        }
        spec.commandLine().getOut().println(issued.token());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private Set<Scope> scopes(boolean oauth, List<String> names) {
        CommandLine create = spec.commandLine().getSubcommands().get("create");
        if (!oauth) {
            if (!names.isEmpty()) {
                throw new ParameterException(create, "--scope applies only to --oauth tokens; "
                        + "a personal access token has every scope");
            }
            return Scope.all();
        }
        if (names.isEmpty()) {
            throw new ParameterException(create, "--oauth needs at least one --scope "
                    + "(attachments:read, attachments:write, attachments:delete or default)");
        }
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String scopeName : names) {
            granted.addAll(Scope.parse(scopeName).orElseThrow(() -> new ParameterException(create,
                    "unknown scope '" + scopeName + "'; use attachments:read, attachments:write, attachments:delete or default")));
        }
        return granted;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every token, newest first, without secrets.",
            footer = {"", "Example:", "  attache admin token list --json"})
    int list(@Mixin DataDirOption data, @Option(names = "--json", description = "Print a JSON array.") boolean json)
            throws IOException {
        List<TokenInfo> tokens;
        try (AdminStorage s = storage.open(data.dataDir)) {
            tokens = s.admin().tokens();
        }
        new Listing(List.of("gid", "user", "kind", "scopes", "name", "created", "revoked"),
                tokens.stream().map(TokenCommands::row).toList())
                .print(spec.commandLine().getOut(), json);
        return ExitCodes.OK;
    }

    private static List<Object> row(TokenInfo t) {
        List<String> scopes = t.scopes().stream().map(Scope::wireName).sorted().toList();
        return Arrays.asList(Long.toString(t.gid()), Long.toString(t.userGid()), t.kind().name().toLowerCase(Locale.ROOT),
                scopes, t.name(), t.createdAt().toString(), t.revokedAt() == null ? null : t.revokedAt().toString());
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a token; a running server refuses it from the next request on.",
            footer = {"", "Example:", "  attache admin token revoke 1209876543210"})
    int revoke(@Mixin DataDirOption data, @Parameters(paramLabel = "GID", description = "The token's gid, from token list.")
               long token) throws IOException {
        boolean revoked;
        try (AdminStorage s = storage.open(data.dataDir)) {
            revoked = s.admin().revokeToken(token);
        }
        if (!revoked) {
            spec.commandLine().getErr().println("attache: token " + token + " was revoked already");
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }
}
