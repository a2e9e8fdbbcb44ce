package dev.attache.cli;

import java.util.concurrent.Callable;

import dev.attache.cli.completion.FishScript;
import dev.attache.cli.completion.ZshScript;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache completion [bash|zsh|fish]}: prints a completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a completion script for attache: its commands, options, their descriptions (zsh, fish) and "
                + "files where a command takes files."},
        footer = {"", "Example:", "  source <(attache completion)                       # bash, this shell",
                "  attache completion > /etc/bash_completion.d/attache",
                "  attache completion zsh > \"${fpath[1]}/_attache\"     # zsh, then compinit",
                "  attache completion fish > ~/.config/fish/completions/attache.fish"})
final class CompletionCommand implements Callable<Integer> {

    /** The shells there is a script for. */
    enum Shell { bash, zsh, fish }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            description = "bash, zsh or fish (default ${DEFAULT-VALUE}).")
    private Shell shell = Shell.bash;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case bash -> AutoComplete.bash("attache", root);
            case zsh -> ZshScript.of(root);
            case fish -> FishScript.of(root);
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
