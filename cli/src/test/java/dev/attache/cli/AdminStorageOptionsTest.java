package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;

/** The cluster storage options on admin commands: inherited by every subcommand, checked, never echoing a password. */
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
    void aDatabaseOptionBeforeTheSubcommandIsReadToo() {
        AdminCli.Run run = new AdminCli(dir).run("--database", "mysql://ada:s3cret@db/attache", "workspace", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a PostgreSQL URL").doesNotContain("s3cret");
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
