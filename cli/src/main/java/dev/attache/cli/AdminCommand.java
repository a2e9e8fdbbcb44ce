package dev.attache.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attache admin}: groups the commands that work on a server's storage directly. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Manages a server's storage directly: workspaces, users, memberships, tokens, tasks, projects, "
                + "briefs, garbage and damage.",
                "Works while the server runs (changes apply to its next request) and while it is stopped."},
        footer = {"", "Example:",
                "  export ATTACHE_DATA_DIR=./attache-data",
                "  WS=$(attache admin workspace create Design)",
                "  ME=$(attache admin user create --name Ada --email ada@example.com \\", "      --workspace $WS)",
                "  TOKEN=$(attache admin token create --user $ME --name laptop)"})
final class AdminCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }
}
