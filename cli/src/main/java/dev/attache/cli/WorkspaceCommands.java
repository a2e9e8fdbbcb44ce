package dev.attache.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.attache.cli.output.OutputFormat;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.directory.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache admin workspace create|list}. */
@Command(name = "workspace", mixinStandardHelpOptions = true, description = "Creates and lists workspaces.",
        footer = {"", "Example:", "  attache admin workspace create Design"})
final class WorkspaceCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    WorkspaceCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a workspace and prints its gid.",
            footer = {"", "Example:", "  WS=$(attache admin workspace create Design --data-dir ./attache-data)"})
    int create(@Mixin StorageOptions data, @Parameters(paramLabel = "NAME", description = "The workspace's name.") String name)
            throws IOException {
        try (AdminStorage s = storage.open(data)) {
            Workspace workspace = s.admin().createWorkspace(name);
            spec.commandLine().getOut().println(workspace.gid());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every workspace.",
            footer = {"", "Example:", "  attache admin workspace list --json"})
    int list(@Mixin StorageOptions data, @Mixin OutputFormat format)
            throws IOException {
        List<Workspace> workspaces;
        try (AdminStorage s = storage.open(data)) {
            workspaces = s.admin().workspaces();
        }
        new Listing(List.of("gid", "name"),
                workspaces.stream().map(w -> Arrays.<Object>asList(Long.toString(w.gid()), w.name())).toList())
                .print(spec.commandLine().getSubcommands().get("list"), format.mode());
        return ExitCodes.OK;
    }
}
