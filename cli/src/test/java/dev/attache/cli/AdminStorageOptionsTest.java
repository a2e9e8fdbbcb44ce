package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import picocli.CommandLine;

/** The cluster storage options of serve and the admin commands: checked before anything opens, never echoing a password. */
class AdminStorageOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aDatabaseOptionAfterTheSubcommandIsReadAndABadUrlNamesTheExpectedFormWithoutItsPassword() {
        AdminCli.Run run = new AdminCli(dir).run("token", "list", "--database", "mysql://ada:s3cret@db/attache");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("postgresql://USER[:PASSWORD]@HOST[:PORT]/DB").doesNotContain("s3cret");
    }

    @Test
    void serveRefusesADatabaseUrlOfAnotherKindWithoutShowingItsPassword() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err, true));

        int exitCode = cli.execute("serve", "--port", "0", "--data-dir", dir.toString(), "--database", "mysql://ada:s3cret@db/attache");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("is not a PostgreSQL URL").doesNotContain("s3cret");
    }

    @Test
    void aBlobStoreWithoutADatabaseIsRefusedWithTheCombinationsThatWork() {
        AdminCli.Run run = new AdminCli(dir).run("workspace", "list", "--blob-store", "s3://attachments");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("needs --database").contains("Allowed:");
    }

    @Test
    void withoutStorageOptionsTheDataDirectoryIsUsedAsBefore() throws Exception {
        App.start(ServerConfig.forTests(dir)).close();

        assertThat(new AdminCli(dir).ok("workspace", "list")).contains("My Workspace");
    }

    @Test
    void migrateRefusesWithoutAClusterToCopyInto() throws Exception {
        App.start(ServerConfig.forTests(dir)).close();

        AdminCli.Run run = new AdminCli(dir).run("migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--database postgresql://").contains("--blob-store s3://");
    }
}
