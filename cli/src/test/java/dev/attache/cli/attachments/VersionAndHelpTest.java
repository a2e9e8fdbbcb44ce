package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionAndHelpTest {

    @Test
    void versionOptionPrintsTheBuildsVersionAndTheJavaRuntime() {
        Cli.Run run = Cli.withoutServer().runExactly("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines().get(0)).matches("attache \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.lines().get(1)).startsWith("Java " + System.getProperty("java.runtime.version"));
    }

    @Test
    void versionCommandPrintsWhatTheOptionPrints() {
        Cli.Run command = Cli.withoutServer().runExactly("version");

        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).isEqualTo(Cli.withoutServer().runExactly("--version").out());
    }

    @Test
    void helpCommandShowsTheNamedCommandsHelp() {
        Cli.Run run = Cli.withoutServer().runExactly("help", "upload");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(Cli.withoutServer().runExactly("upload", "--help").out());
    }

    @Test
    void helpCommandWithoutANameListsTheCommands() {
        Cli.Run run = Cli.withoutServer().runExactly("help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("upload", "download", "admin", "serve", "version", "help");
    }

    @Test
    void aUsageErrorPrintsTheErrorAndOneHintInsteadOfTheHelp() {
        Cli.Run run = Cli.withoutServer().runExactly("upload", "--parent", "1", "--no-such-option", "a.txt");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("attache: Unknown option: '--no-such-option'\nSee 'attache upload --help'.\n");
    }

    @Test
    void aMissingOptionNamesItAndPointsAtTheCommandsHelp() {
        Cli.Run run = Cli.withoutServer().runExactly("admin", "task", "create", "--name", "x");

        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).contains("--workspace").endsWith("See 'attache admin task create --help'.\n");
    }
}
