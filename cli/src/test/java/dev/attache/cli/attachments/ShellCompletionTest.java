package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attache completion bash|zsh|fish}, each script loaded into its real shell and asked what it
 * would offer. A shell that is not installed skips its tests, saying which package to install
 * ({@code .ci/run} installs them).
 */
class ShellCompletionTest {

    @TempDir
    Path dir;

    /** Writes the script for {@code shell}, then runs {@code program} in that shell after loading it. */
    private String complete(String shell, String program) throws Exception {
        Path binary = Path.of("/usr/bin", shell);
        assumeTrue(Files.isExecutable(binary), shell + " is not installed (apt-get install " + shell + "); its completion is not tested");
        Cli.Run script = Cli.withoutServer().runExactly("completion", shell);
        assertThat(script.exitCode()).as(script.err()).isZero();
        Path file = Files.writeString(dir.resolve("attache." + shell), script.out());
        List<String> command = switch (shell) {
            case "zsh" -> List.of(binary.toString(), "-f", "-c", "autoload -Uz compinit; compinit -u -D; source " + file + "; " + program);
            case "fish" -> List.of(binary.toString(), "--no-config", "-c", "source " + file + "; " + program);
            default -> List.of(binary.toString(), "--norc", "-c", "source " + file + "; " + program);
        };
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private String zsh(String... words) throws Exception {
        StringBuilder quoted = new StringBuilder();
        for (String w : words) {
            quoted.append(" '").append(w).append("'");
        }
        return complete("zsh", "words=(" + quoted + "); CURRENT=" + words.length
                + "; _attache_candidates; print -rl -- \"kind $REPLY\" $reply");
    }

    @Test
    void bashCompletesAnOptionOfAClientCommand() throws Exception {
        String out = complete("bash", "COMP_LINE='attache ls --pa'; COMP_WORDS=(attache ls --pa); COMP_CWORD=2; "
                + "COMP_POINT=${#COMP_LINE}; _complete_attache 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");

        assertThat(out.lines()).containsExactly("--parent");
    }

    @Test
    void zshOffersTheSubcommandsOfANestedCommandWithTheirDescriptions() throws Exception {
        String out = zsh("attache", "admin", "token", "");

        assertThat(out.lines()).startsWith("kind commands").anyMatch(l -> l.startsWith("create:Issues a token"))
                .anyMatch(l -> l.startsWith("revoke:"));
    }

    @Test
    void zshOffersTheOptionsOfTheCommandTypedSoFar() throws Exception {
        String out = zsh("attache", "ls", "--pa");

        assertThat(out.lines()).startsWith("kind options").contains("--parent:The task, project or project brief")
                .noneMatch(l -> l.startsWith("--port"));
    }

    @Test
    void zshCompletesFilesForAFileOptionAndForUploadsArguments() throws Exception {
        assertThat(zsh("attache", "login", "--token-file", "")).startsWith("kind files");
        assertThat(zsh("attache", "upload", "--parent", "1", "")).startsWith("kind files");
    }

    @Test
    void zshOffersNothingAfterAnOptionThatTakesAGid() throws Exception {
        assertThat(zsh("attache", "ls", "--parent", "")).isEqualTo("kind none\n");
    }

    @Test
    void zshOffersTheShellsToCompletion() throws Exception {
        assertThat(zsh("attache", "completion", "").lines()).containsExactly("kind values", "bash", "zsh", "fish");
    }

    @Test
    void fishOffersTheSubcommandsWithTheirDescriptions() throws Exception {
        String out = complete("fish", "complete -C 'attache lo'");

        assertThat(out.lines()).anyMatch(l -> l.startsWith("login\tChecks a token against the server"))
                .anyMatch(l -> l.startsWith("logout\t")).hasSize(2);
    }

    @Test
    void fishOffersTheOptionsOfANestedCommand() throws Exception {
        String out = complete("fish", "complete -C 'attache admin token create --'");

        assertThat(out.lines()).anyMatch(l -> l.startsWith("--user\t")).noneMatch(l -> l.startsWith("--parent"));
    }

    @Test
    void fishOffersNoFilesAfterAnOptionThatTakesAGid() throws Exception {
        Files.createFile(dir.resolve("a-file"));

        String out = complete("fish", "cd " + dir + "; complete -C 'attache ls --parent '");

        assertThat(out).isEmpty();
    }

    @Test
    void fishOffersFilesToUpload() throws Exception {
        Files.createFile(dir.resolve("plan.pdf"));

        String out = complete("fish", "cd " + dir + "; complete -C 'attache upload --parent 1 pl'");

        assertThat(out.lines()).containsExactly("plan.pdf");
    }

    @Test
    void everyScriptKnowsTheSignInCommands() {
        for (String shell : List.of("bash", "zsh", "fish")) {
            assertThat(Cli.withoutServer().runExactly("completion", shell).out()).as(shell).contains("login", "logout");
        }
    }
}
