package dev.attache.cli;

import java.io.IOException;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.directory.ParentType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attache admin project create}: a project to attach files and briefs to. */
@Command(name = "project", mixinStandardHelpOptions = true, description = "Creates projects.",
        footer = {"", "Example:", "  attache admin project create --workspace 1234 --name 'Website'"})
final class ProjectCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    ProjectCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a project and prints its gid.",
            footer = {"", "Example:", "  PROJECT=$(attache admin project create --workspace $WS --name 'Website')"})
    int create(@Mixin StorageOptions data,
               @Option(names = "--workspace", required = true, paramLabel = "GID", description = "The workspace.") long workspace,
               @Option(names = "--name", required = true, paramLabel = "NAME", description = "The project's name.") String name,
               @Option(names = "--created-by", paramLabel = "GID",
                       description = "The user shown as creator (default: the workspace's first member).") Long createdBy)
            throws IOException {
        try (AdminStorage s = storage.open(data)) {
            spec.commandLine().getOut().println(s.admin().createParent(ParentType.PROJECT, workspace, name, createdBy).gid());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
