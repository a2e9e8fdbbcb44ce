package dev.attache.cli;

import java.io.IOException;

import dev.attache.server.admin.AdminStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attache admin brief create}: a project brief to attach files to. */
@Command(name = "brief", mixinStandardHelpOptions = true, description = "Creates project briefs.",
        footer = {"", "Example:", "  attache admin brief create --project 1234 --title Goals --text 'Ship in May'"})
final class BriefCommands implements Runnable {

    @Spec
    private CommandSpec spec;
    private final StorageOpener storage;

    BriefCommands(StorageOpener storage) {
        this.storage = storage;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a brief in a project's workspace and prints its gid.",
            footer = {"", "Example:", "  BRIEF=$(attache admin brief create --project $PROJECT --title Goals \\", "      --text 'Ship in May')"})
    int create(@Mixin StorageOptions data,
               @Option(names = "--project", required = true, paramLabel = "GID", description = "The project.") long project,
               @Option(names = "--title", required = true, paramLabel = "TITLE", description = "The brief's title.") String title,
               @Option(names = "--text", paramLabel = "TEXT", description = "The brief's text.") String text,
               @Option(names = "--created-by", paramLabel = "GID",
                       description = "The user shown as creator (default: the workspace's first member).") Long createdBy)
            throws IOException {
        try (AdminStorage s = storage.open(data)) {
            spec.commandLine().getOut().println(s.admin().createBrief(project, title, text, createdBy).gid());
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
