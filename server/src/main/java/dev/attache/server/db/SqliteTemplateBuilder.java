package dev.attache.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Makes the {@link SqliteTemplate} at build time (the server module's {@code process-classes} phase): opens a new
 * SQLite database exactly as a server does, lets {@link Database#migrate()} run Flyway on it, and writes the file
 * and the list of migrations its history records. Public only because the build runs it by name.
 */
public final class SqliteTemplateBuilder {

    /** Held so the level sticks: Flyway logs each migration through java.util.logging here, which a build need not show. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    private SqliteTemplateBuilder() {
    }

    /**
     * @param args one: the directory to write {@value SqliteTemplate#DATABASE} and {@value SqliteTemplate#MANIFEST} to
     */
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SqliteTemplateBuilder <output directory>");
        }
        Path output = Path.of(args[0]);
        FLYWAY_LOG.setLevel(Level.WARNING);
        Path work = Files.createTempDirectory("attache-template");
        try {
            StringBuilder manifest = new StringBuilder("# The migrations recorded in attache.db's flyway_schema_history: script=checksum\n");
            try (Database database = Database.sqlite(work, SqliteTemplate.none())) {
                database.migrate();
                if (!Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.SQLITE))) {
                    throw new IllegalStateException("Flyway's history does not record exactly this build's migrations");
                }
                try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                     ResultSet rows = s.executeQuery("SELECT script, checksum FROM flyway_schema_history ORDER BY installed_rank")) {
                    while (rows.next()) {
                        manifest.append(rows.getString(1)).append('=').append(rows.getInt(2)).append('\n');
                    }
                }
            }
            // Closing the last connection checkpointed the write-ahead log into the file and removed the log.
            Path file = work.resolve(Database.SQLITE_FILE);
            if (Files.exists(file.resolveSibling(Database.SQLITE_FILE + "-wal"))) {
                throw new IllegalStateException("SQLite left a write-ahead log beside " + file + "; the file alone is not the database");
            }
            Files.createDirectories(output);
            Files.copy(file, output.resolve(SqliteTemplate.DATABASE), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(output.resolve(SqliteTemplate.MANIFEST), manifest, StandardCharsets.UTF_8);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
