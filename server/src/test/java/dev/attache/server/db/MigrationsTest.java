package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that lets a start skip Flyway, against a real SQLite database that Flyway migrated. */
class MigrationsTest {

    @TempDir
    Path dir;
    Database database;

    @BeforeEach
    void open() {
        database = Database.sqlite(dir, SqliteTemplate.none());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aDatabaseFlywayMigratedHasEveryMigrationApplied() {
        database.migrate();

        assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))).isTrue();
    }

    @Test
    void aNewDatabaseHasNoneApplied() {
        assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))).isFalse();
    }

    @Test
    void aMigrationMissingFromTheHistoryIsNotApplied() throws SQLException {
        database.migrate();
        execute("DELETE FROM flyway_schema_history WHERE version = '4'");

        assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))).isFalse();
    }

    @Test
    void aFailedMigrationIsNotApplied() throws SQLException {
        database.migrate();
        execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '4'");

        assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))).isFalse();
    }

    @Test
    void aMigrationChangedSinceItWasAppliedIsLeftToFlywayWhichRefusesIt() throws SQLException {
        database.migrate();
        execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))).isFalse();
        assertThatThrownBy(database::migrate).isInstanceOf(FlywayException.class).hasMessageContaining("checksum");
    }

    @Test
    void aMigrationFromANewerBuildIsLeftToFlyway() throws SQLException {
        database.migrate();
        execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 1, '', 1, 1)");

        assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))).isFalse();
    }

    @Test
    void theListedMigrationsAreEveryFileInTheMigrationDirectories() throws IOException, URISyntaxException {
        assertThat(Migrations.of(Dialect.POSTGRESQL).stream().map(Migrations.Script::resource))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(files(Migrations.PORTABLE), files(Migrations.POSTGRESQL)).toList());
        assertThat(Migrations.of(Dialect.SQLITE).stream().map(Migrations.Script::resource))
                .containsExactlyInAnyOrderElementsOf(files(Migrations.PORTABLE).toList());
    }

    /** The build's resources are a directory when tests run. */
    private static Stream<String> files(String location) throws IOException, URISyntaxException {
        Path directory = Path.of(Migrations.class.getClassLoader().getResource(location).toURI());
        try (Stream<Path> listed = Files.list(directory)) {
            List<String> names = listed.map(p -> location + "/" + p.getFileName()).toList();
            return names.stream();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
