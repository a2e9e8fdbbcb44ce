package dev.attache.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attache completion}: prints a bash completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Prints a bash (and zsh, through bashcompinit) completion script for attache.",
        footer = {"", "Example:", "  source <(attache completion)",
                "  attache completion > /etc/bash_completion.d/attache"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("attache", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
