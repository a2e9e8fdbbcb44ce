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

/** {@code attache admin task create}: a task to attach files to. */
@Command(name = "task", mixinStandardHelpOptions = true, description = "Creates tasks.",
        footer = {"", "Example:", "  attache admin task create --workspace 1234 --name 'Launch plan'"})
final class TaskCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    TaskCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a task and prints its gid.",
            footer = {"", "Example:", "  TASK=$(attache admin task create --workspace $WS --name 'Launch plan')"})
    int create(@Mixin StorageOptions data,
               @Option(names = "--workspace", required = true, paramLabel = "GID", description = "The workspace.") long workspace,
               @Option(names = "--name", required = true, paramLabel = "NAME", description = "The task's name.") String name,
               @Option(names = "--created-by", paramLabel = "GID",
                       description = "The user shown as creator (default: the workspace's first member).") Long createdBy)
            throws IOException {
        try (AdminStorage s = storage.open(data)) {
            spec.commandLine().getOut().println(s.admin().createParent(ParentType.TASK, workspace, name, createdBy).gid());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
