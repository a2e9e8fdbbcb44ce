package dev.attache.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attache version}: the same as {@code attache --version}, for those who type it as a command. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the version of attache and of the Java runtime it runs on.",
        footer = {"", "Example:", "  attache version"})
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new Versions().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
