package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new SQLite database starts as the template Flyway migrated at build time, on real files. */
class SqliteTemplateTest {

    private static final String DATABASE = Database.SQLITE_FILE;
    private static final String SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";
    private static final String HISTORY = "SELECT installed_rank, version, description, type, script, checksum, installed_by, success "
            + "FROM flyway_schema_history ORDER BY installed_rank";
    private static final String WHEN_INSTALLED = "SELECT installed_rank, installed_on, execution_time FROM flyway_schema_history ORDER BY installed_rank";
    private static final String SETTINGS = "SELECT * FROM pragma_page_size, pragma_auto_vacuum, pragma_encoding, pragma_user_version, pragma_application_id";

    @TempDir
    Path dir;

    @Test
    void theBuildsTemplateRecordsExactlyThisBuildsMigrations() throws IOException {
        assertThat(SqliteTemplate.onClassPath().matches()).isTrue();
    }

    @Test
    void aFreshDataDirGetsTheSchemaAndHistoryFlywayProduces() throws Exception {
        Path reference = Files.createDirectory(dir.resolve("reference"));
        try (Database flywayMade = Database.sqlite(reference, SqliteTemplate.none())) {
            Flyway.configure().dataSource(flywayMade.dataSource()).locations(Dialect.SQLITE.migrationLocations()).load().migrate();
        }
        Path fresh = Files.createDirectory(dir.resolve("fresh"));
        try (Database opened = Database.sqlite(fresh)) {
            opened.migrate();
        }

        assertThat(rows(fresh.resolve(DATABASE), SCHEMA)).isEqualTo(rows(reference.resolve(DATABASE), SCHEMA)).isNotEmpty();
        assertThat(rows(fresh.resolve(DATABASE), HISTORY)).isEqualTo(rows(reference.resolve(DATABASE), HISTORY)).hasSize(4);
        assertThat(rows(fresh.resolve(DATABASE), SETTINGS)).isEqualTo(rows(reference.resolve(DATABASE), SETTINGS));
        // The header's read and write versions: 2 and 2 mean WAL, kept by the file across connections.
        assertThat(headerVersions(fresh.resolve(DATABASE))).isEqualTo(headerVersions(reference.resolve(DATABASE))).containsExactly(2, 2);
    }

    @Test
    void aFreshDataDirIsNotMigratedByFlywayWhenItOpens() throws Exception {
        Path template = copyOfTemplate();
        try (Database opened = Database.sqlite(dir)) {
            assertThat(Migrations.allApplied(opened.dataSource(), Migrations.of(Dialect.SQLITE))).isTrue();
            opened.migrate();
        }

        // Flyway stamps the time it applies each migration; these are the times the build applied them.
        assertThat(rows(dir.resolve(DATABASE), WHEN_INSTALLED)).isEqualTo(rows(template, WHEN_INSTALLED)).hasSize(4);
    }

    @Test
    void placingTheTemplateCopiesItByteForByteAndLeavesNoOtherFile() throws Exception {
        boolean placed = SqliteTemplate.onClassPath().placeAt(dir.resolve(DATABASE));

        assertThat(placed).isTrue();
        assertThat(dir.resolve(DATABASE)).hasSameBinaryContentAs(copyOfTemplate());
        assertThat(filesIn(dir)).containsExactly(DATABASE);
    }

    @Test
    void anExistingDatabaseIsNeverReplaced() throws Exception {
        try (Database first = Database.sqlite(dir, SqliteTemplate.none())) {
            first.migrate();
            execute(first, "CREATE TABLE kept (x INTEGER)");
        }
        byte[] before = Files.readAllBytes(dir.resolve(DATABASE));

        assertThat(SqliteTemplate.onClassPath().placeAt(dir.resolve(DATABASE))).isFalse();
        assertThat(Files.readAllBytes(dir.resolve(DATABASE))).isEqualTo(before);
        try (Database again = Database.sqlite(dir)) {
            again.migrate();
        }
        assertThat(rows(dir.resolve(DATABASE), "SELECT name FROM sqlite_master WHERE name = 'kept'")).containsExactly(List.of("kept"));
    }

    @Test
    void aFileThatIsNoDatabaseIsNotReplacedEither() throws Exception {
        Files.writeString(dir.resolve(DATABASE), "someone's file");

        assertThat(SqliteTemplate.onClassPath().placeAt(dir.resolve(DATABASE))).isFalse();
        assertThat(dir.resolve(DATABASE)).hasContent("someone's file");
    }

    @Test
    void aWriteAheadLogLeftWithoutItsDatabaseKeepsTheTemplateOut() throws Exception {
        Files.writeString(dir.resolve(DATABASE + "-wal"), "frames of a database that is gone");

        assertThat(SqliteTemplate.onClassPath().placeAt(dir.resolve(DATABASE))).isFalse();
        assertThat(dir.resolve(DATABASE)).doesNotExist();
    }

    @Test
    void withoutATemplateFlywayMigratesTheNewDatabase() throws Exception {
        assertThat(SqliteTemplate.none().placeAt(dir.resolve(DATABASE))).isFalse();
        try (Database opened = Database.sqlite(dir, SqliteTemplate.none())) {
            assertThat(Migrations.allApplied(opened.dataSource(), Migrations.of(Dialect.SQLITE))).isFalse();
            opened.migrate();
            assertThat(Migrations.allApplied(opened.dataSource(), Migrations.of(Dialect.SQLITE))).isTrue();
        }

        assertThat(rows(dir.resolve(DATABASE), WHEN_INSTALLED)).isNotEqualTo(rows(copyOfTemplate(), WHEN_INSTALLED));
    }

    @Test
    void aTemplateMadeFromOtherMigrationsIsNotUsedAndFlywayMigratesInstead() throws Exception {
        SqliteTemplate stale = new SqliteTemplate("db/stale-template");

        assertThat(stale.matches()).isFalse();
        try (Database opened = Database.sqlite(dir, stale)) {
            opened.migrate();
            assertThat(Migrations.allApplied(opened.dataSource(), Migrations.of(Dialect.SQLITE))).isTrue();
        }
        assertThat(Files.readString(dir.resolve(DATABASE), StandardCharsets.ISO_8859_1)).startsWith("SQLite format 3");
    }

    @Test
    void ofManyOpeningOneNewDirectoryAtOnceExactlyOnePlacesTheTemplate() throws Exception {
        Path template = copyOfTemplate();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 20; round++) {
                Path target = Files.createDirectory(dir.resolve("round-" + round)).resolve(DATABASE);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> placed = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    Callable<Boolean> place = () -> {
                        start.await();
                        return SqliteTemplate.onClassPath().placeAt(target);
                    };
                    placed.add(pool.submit(place));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : placed) {
                    winners += f.get() ? 1 : 0;
                }

                assertThat(winners).isEqualTo(1);
                assertThat(target).hasSameBinaryContentAs(template);
                assertThat(filesIn(target.getParent())).containsExactly(DATABASE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The template in the jar, as a file of its own outside the directory under test. */
    private static Path copyOfTemplate() throws IOException {
        Path copy = Files.createTempFile("template", ".db");
        copy.toFile().deleteOnExit();
        try (InputStream in = SqliteTemplateTest.class.getClassLoader().getResourceAsStream("db/template/" + SqliteTemplate.DATABASE)) {
            assertThat(in).as("the build's template").isNotNull();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** Every row a query returns, each as its columns' text; read without writing (immutable). */
    private static List<List<String>> rows(Path database, String query) throws SQLException {
        List<List<String>> all = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?immutable=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                all.add(row);
            }
        }
        return all;
    }

    private static byte[] headerVersions(Path database) throws IOException {
        try (InputStream in = Files.newInputStream(database)) {
            byte[] header = in.readNBytes(20);
            return new byte[] {header[18], header[19]};
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
