package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HelpAndCompletionTest {

    @ParameterizedTest(name = "attache {0} --help shows an example")
    @ValueSource(strings = {"upload", "link", "ls", "get", "rm", "download", "export", "completion"})
    void helpOfEveryClientCommandShowsAnExample(String command) {
        Cli.Run run = Cli.withoutServer().runExactly(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Example:", "  attache " + command);
    }

    @ParameterizedTest(name = "attache {0} --help lists exit code 4")
    @ValueSource(strings = {"upload", "link", "ls", "get", "rm", "download", "export"})
    void helpOfEveryCommandThatCallsTheApiListsTheExitCodes(String command) {
        Cli.Run run = Cli.withoutServer().runExactly(command, "--help");

        assertThat(run.out()).contains("Exit codes:", "4   The token was refused");
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheClientCommands() {
        Cli.Run run = Cli.withoutServer().runExactly("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_attache", "download", "export", "--token-file");
    }
}
