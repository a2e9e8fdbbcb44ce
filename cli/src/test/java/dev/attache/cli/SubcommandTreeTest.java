package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.attache.cli.attachments.Connector;
import dev.attache.cli.attachments.Environment;
import dev.attache.cli.attachments.Terminal;
import picocli.CommandLine;

/** A run that names one subcommand builds only that one, and behaves as the whole tree does. */
class SubcommandTreeTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    @Test
    void aRunNamingServeBuildsOnlyServe() {
        CommandLine tree = tree(new String[] {"serve", "--port", "0"});

        assertThat(tree.getSubcommands().keySet()).containsExactly("serve");
    }

    @Test
    void helpCompletionAndRootOptionsGetTheWholeTree() {
        CommandLine whole = Main.commandLine();
        for (String[] args : List.of(new String[] {"help", "ls"}, new String[] {"completion"}, new String[] {"--version"},
                new String[0], new String[] {"--help", "serve"})) {
            assertThat(tree(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(whole.getSubcommands().keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "admin", "upload", "link", "ls", "get", "rm", "download", "export", "version"})
    void helpOfASubcommandIsTheSameAsInTheWholeTree(String name) {
        String[] args = {name, "--help"};

        assertThat(run(tree(args), args)).isEqualTo(run(Main.commandLine(), args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve --no-such-option", "serve --port nine", "ls --no-such-option", "admin no-such-command",
            "get --bogus 1", "serve --tls-cert a.pem"})
    void mistakesAreReportedAsInTheWholeTree(String line) {
        String[] args = line.split(" ");

        assertThat(run(tree(args), args)).isEqualTo(run(Main.commandLine(), args));
    }

    private static CommandLine tree(String[] args) {
        return Main.commandLine(Terminal.system(), Connector.http(), Environment.system(), Main.builtFor(args));
    }

    private static Outcome run(CommandLine cli, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }
}
