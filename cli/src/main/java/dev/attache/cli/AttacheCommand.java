package dev.attache.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command; it only lists its subcommands. */
@Command(name = "attache", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Asana's Attachments API, served and used from the command line.",
        footer = {"", "Examples:", "  attache serve --port 8080 --data-dir ./attache-data",
                "  attache upload --parent 1204000000000001 plan.pdf"})
final class AttacheCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand.");
    }
}
