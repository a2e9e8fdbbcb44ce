package dev.attache.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.attache.cli.output.OutputFormat;
import dev.attache.server.admin.Admin;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.directory.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attache admin user create|list}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Creates and lists users.",
        footer = {"", "Example:", "  attache admin user list --json"})
final class UserCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    UserCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a user, optionally as a member of a workspace, and prints the user's gid.",
            footer = {"", "Example:",
                    "  ME=$(attache admin user create --name Ada --email ada@example.com \\", "      --workspace $WS)"})
    int create(@Mixin StorageOptions data,
               @Option(names = "--name", required = true, paramLabel = "NAME", description = "The user's name.") String name,
               @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The user's email; unique.") String email,
               @Option(names = "--workspace", paramLabel = "GID", description = "A workspace to add the user to.") Long workspace)
            throws IOException {
        try (AdminStorage s = storage.open(data)) {
            Admin admin = s.admin();
            User user = workspace == null ? admin.createUser(name, email) : admin.createUser(name, email, workspace);
            spec.commandLine().getOut().println(user.gid());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every user.",
            footer = {"", "Example:", "  attache admin user list --json"})
    int list(@Mixin StorageOptions data, @Mixin OutputFormat format)
            throws IOException {
        List<User> users;
        try (AdminStorage s = storage.open(data)) {
            users = s.admin().users();
        }
        new Listing(List.of("gid", "name", "email"),
                users.stream().map(u -> Arrays.<Object>asList(Long.toString(u.gid()), u.name(), u.email())).toList())
                .print(spec.commandLine().getSubcommands().get("list"), format.mode());
        return ExitCodes.OK;
    }
}
