package dev.attache.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.attache.cli.output.OutputFormat;
import dev.attache.server.admin.Admin;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.directory.Membership;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attache admin member add|list}: who sees which workspace. */
@Command(name = "member", mixinStandardHelpOptions = true, description = "Adds users to workspaces and lists memberships.",
        footer = {"", "Example:", "  attache admin member add --workspace 1234 --user 5678"})
final class MemberCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    MemberCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Makes a user a member of a workspace; adding an existing member changes nothing.",
            footer = {"", "Example:", "  attache admin member add --workspace $WS --user $ME"})
    int add(@Mixin StorageOptions data,
            @Option(names = "--workspace", required = true, paramLabel = "GID", description = "The workspace.") long workspace,
            @Option(names = "--user", required = true, paramLabel = "GID", description = "The user.") long user)
            throws IOException {
        try (AdminStorage s = storage.open(data)) {
            s.admin().addMember(workspace, user);
        }
        return ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every membership.",
            footer = {"", "Example:", "  attache admin member list --json"})
    int list(@Mixin StorageOptions data, @Mixin OutputFormat format)
            throws IOException {
        List<Membership> memberships;
        Map<Long, Workspace> workspaces;
        Map<Long, User> users;
        try (AdminStorage s = storage.open(data)) {
            Admin admin = s.admin();
            memberships = admin.memberships();
            workspaces = admin.workspaces().stream().collect(Collectors.toMap(Workspace::gid, Function.identity()));
            users = admin.users().stream().collect(Collectors.toMap(User::gid, Function.identity()));
        }
        new Listing(List.of("workspace", "workspace_name", "user", "email"),
                memberships.stream().map(m -> Arrays.<Object>asList(Long.toString(m.workspaceGid()),
                        workspaces.get(m.workspaceGid()).name(), Long.toString(m.userGid()), users.get(m.userGid()).email()))
                        .toList())
                .print(spec.commandLine().getSubcommands().get("list"), format.mode());
        return ExitCodes.OK;
    }
}
