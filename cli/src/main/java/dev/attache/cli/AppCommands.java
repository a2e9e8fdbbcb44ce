package dev.attache.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.attache.cli.output.OutputFormat;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.admin.AdminTargetNotFoundException;
import dev.attache.server.auth.OAuthApps.OAuthApp;
import dev.attache.server.auth.OAuthApps.RegisteredApp;
import dev.attache.server.auth.Scope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache admin app create|list|delete}: OAuth apps. Only {@code create} ever shows a client secret, once. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Registers, lists and deletes OAuth apps (see docs/oauth.md).",
        footer = {"", "Example:", "  read -r CLIENT_ID CLIENT_SECRET < <(attache admin app create --name Timesheets \\",
                "      --redirect-uri http://localhost:5000/callback)"})
final class AppCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    AppCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand; try 'attache admin app --help'.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Registers an app and prints its client id and client secret on one line, separated by a space. "
                    + "The secret is shown only now: the server keeps just its hash.",
                    "Its tokens can never have more than the --scope values (default: every scope)."},
            footer = {"", "Examples:",
                    "  read -r CLIENT_ID CLIENT_SECRET < <(attache admin app create --name Timesheets \\",
                    "      --redirect-uri http://localhost:5000/callback)",
                    "  attache admin app create --name Viewer --redirect-uri https://viewer.example/cb \\",
                    "      --scope attachments:read --json"})
    int create(@Mixin StorageOptions data,
               @Option(names = "--name", required = true, paramLabel = "NAME", description = "Shown on the consent page.") String name,
               @Option(names = "--redirect-uri", required = true, paramLabel = "URI",
                       description = "Where the authorize page may send people back to, compared exactly; repeatable.")
               List<String> redirectUris,
               @Option(names = "--scope", paramLabel = "SCOPE",
                       description = "attachments:read, attachments:write, attachments:delete or default (all); repeatable.")
               List<String> scopes,
               @Option(names = "--json", description = "Print {\"client_id\": ..., \"client_secret\": ...}.") boolean json)
            throws IOException {
        CommandLine create = spec.commandLine().getSubcommands().get("create");
        Set<Scope> granted = ScopeNames.union(create, scopes == null ? List.of("default") : scopes);
        RegisteredApp registered;
        try (AdminStorage s = storage.open(data)) {
            registered = s.apps().register(name, redirectUris, granted);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(create, e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new Listing(List.of("client_id", "client_secret"),
                    List.of(List.of(registered.app().clientId(), registered.clientSecret()))).print(create, OutputFormat.Mode.JSON);
        } else {
            out.println(registered.app().clientId() + " " + registered.clientSecret());
            out.flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every app, newest first, without secrets.",
            footer = {"", "Example:", "  attache admin app list --json"})
    int list(@Mixin StorageOptions data, @Mixin OutputFormat format)
            throws IOException {
        List<OAuthApp> apps;
        try (AdminStorage s = storage.open(data)) {
            apps = s.apps().list();
        }
        new Listing(List.of("client_id", "name", "redirect_uris", "scopes", "created"),
                apps.stream().map(AppCommands::row).toList())
                .print(spec.commandLine().getSubcommands().get("list"), format.mode());
        return ExitCodes.OK;
    }

    private static List<Object> row(OAuthApp app) {
        List<String> scopes = app.scopes().stream().map(Scope::wireName).sorted().toList();
        return Arrays.asList(app.clientId(), app.name(), app.redirectUris(), scopes, app.createdAt().toString());
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes an app and revokes every token it was issued; a running server refuses them from "
                    + "the next request on.",
            footer = {"", "Example:", "  attache admin app delete $CLIENT_ID"})
    int delete(@Mixin StorageOptions data, @Parameters(paramLabel = "CLIENT_ID", description = "The app's client id, from app list.")
               long clientId) throws IOException {
        try (AdminStorage s = storage.open(data)) {
            if (!s.apps().delete(clientId)) {
                throw new AdminTargetNotFoundException("app " + clientId + " does not exist");
            }
        }
        return ExitCodes.OK;
    }
}
