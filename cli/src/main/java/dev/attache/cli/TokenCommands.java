package dev.attache.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.attache.cli.output.JsonLines;
import dev.attache.cli.output.OutputFormat;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.admin.AdminTargetNotFoundException;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.AccessTokens.Claim;
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
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Issues a token for a user and prints it alone on standard output. It is shown only now: "
                    + "the server keeps just its hash.",
                    "A personal access token has every scope; an OAuth token has only the scopes given."},
            footer = {"", "Examples:",
                    "  TOKEN=$(attache admin token create --user $ME --name laptop)",
                    "  attache admin token create --user $ME --json",
                    "  attache admin token create --user $ME --oauth \\", "      --scope attachments:read --scope attachments:write"})
    int create(@Mixin StorageOptions data,
               @Option(names = "--user", required = true, paramLabel = "GID", description = "The user the token acts as.") long user,
               @Option(names = "--name", paramLabel = "NAME", defaultValue = "cli", description = "A label for token list (default ${DEFAULT-VALUE}).")
               String name,
               @Option(names = "--oauth", description = "Issue an OAuth token limited to the --scope values.") boolean oauth,
               @Option(names = "--json", description = "Print {\"gid\", \"user\", \"token\"} as one JSON object.") boolean json,
               @Option(names = "--scope", paramLabel = "SCOPE",
                       description = "attachments:read, attachments:write, attachments:delete or default (all); repeatable; "
                               + "only with --oauth.") List<String> scopes)
            throws IOException {
        Set<Scope> granted = scopes(oauth, scopes == null ? List.of() : scopes);
        IssuedToken issued;
        try (AdminStorage s = storage.open(data)) {
            issued = s.admin().issueToken(user, oauth ? TokenKind.OAUTH : TokenKind.PERSONAL, granted, name);
        }
        spec.commandLine().getOut().println(json ? JsonLines.line(created(issued)) : issued.token());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> created(IssuedToken issued) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("gid", Long.toString(issued.info().gid()));
        object.put("user", Long.toString(issued.info().userGid()));
        object.put("token", issued.token());
        return object;
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
        return ScopeNames.union(create, names);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every token, newest first, without secrets.",
            footer = {"", "Example:", "  attache admin token list --json"})
    int list(@Mixin StorageOptions data, @Mixin OutputFormat format)
            throws IOException {
        List<TokenInfo> tokens;
        try (AdminStorage s = storage.open(data)) {
            tokens = s.admin().tokens();
        }
        new Listing(List.of("gid", "user", "kind", "scopes", "name", "created", "revoked"),
                tokens.stream().map(TokenCommands::row).toList())
                .print(spec.commandLine().getSubcommands().get("list"), format.mode());
        return ExitCodes.OK;
    }

    private static List<Object> row(TokenInfo t) {
        List<String> scopes = t.scopes().stream().map(Scope::wireName).sorted().toList();
        return Arrays.asList(Long.toString(t.gid()), Long.toString(t.userGid()), t.kind().name().toLowerCase(Locale.ROOT),
                scopes, t.name(), t.createdAt().toString(), t.revokedAt() == null ? null : t.revokedAt().toString());
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revokes a token; a running server refuses it from the next request on.",
                    "Takes the token's gid (from token list) or the token itself, as token create printed it."},
            footer = {"", "Examples:", "  attache admin token revoke 1209876543210", "  attache admin token revoke \"$TOKEN\""})
    int revoke(@Mixin StorageOptions data,
               @Parameters(paramLabel = "GID|TOKEN", description = "The token's gid, or the token itself.") String which)
            throws IOException {
        CommandLine command = spec.commandLine().getSubcommands().get("revoke");
        boolean revoked;
        long gid;
        try (AdminStorage s = storage.open(data)) {
            gid = tokenGid(command, s, which);
            revoked = s.admin().revokeToken(gid);
        }
        if (!revoked) {
            spec.commandLine().getErr().println("attache: token " + gid + " was revoked already");
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }

    /**
     * A gid as given, or the gid inside a token. A token names its own gid and user; it must name
     * a user the stored token belongs to, so a token from another server is not mistaken for one here.
     */
    private static long tokenGid(CommandLine command, AdminStorage s, String which) {
        if (which.chars().allMatch(c -> c >= '0' && c <= '9') && !which.isEmpty() && which.length() <= 18) {
            return Long.parseLong(which);
        }
        Claim claim = AccessTokens.parse(which.strip()).orElseThrow(() -> new ParameterException(command,
                "not a token gid or a token: expected digits or 2/<user>/<gid>:<secret>"));
        boolean issuedHere = s.admin().tokens().stream()
                .anyMatch(t -> t.gid() == claim.tokenGid() && t.userGid() == claim.userGid());
        if (!issuedHere) {
            throw new AdminTargetNotFoundException("no token " + claim.tokenGid() + " of user " + claim.userGid()
                    + " exists in this data directory");
        }
        return claim.tokenGid();
    }
}
