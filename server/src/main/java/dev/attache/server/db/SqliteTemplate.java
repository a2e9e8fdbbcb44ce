package dev.attache.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An empty SQLite database that Flyway migrated when the jar was built ({@link SqliteTemplateBuilder}), so a
 * new data directory starts from a copy of it instead of from Flyway, which costs a first start some 600 ms of
 * CPU (docs/benchmarks-history.md, start-up). Next to the file, a list of the migrations its history records, by script and
 * checksum; a template whose list is not exactly this build's scripts is not used, and Flyway migrates the
 * new database as it would without a template.
 *
 * <p>The copy's {@code flyway_schema_history} says what happened: {@code installed_on} is when the build ran
 * Flyway (UTC, the same on every data directory made from one jar), {@code installed_by} is empty as on any
 * SQLite database Flyway migrates (SQLite has no users), {@code execution_time} is the build's. Two builds of
 * the same migrations made templates that differed in those values alone.
 *
 * @param location the class path directory holding {@value #DATABASE} and {@value #MANIFEST}
 */
record SqliteTemplate(String location) {

    static final String DATABASE = "attache.db";
    static final String MANIFEST = "migrations.properties";

    /** The template the build puts into the jar. */
    static SqliteTemplate onClassPath() {
        return new SqliteTemplate("db/template");
    }

    /** No template: every new database is migrated by Flyway. */
    static SqliteTemplate none() {
        return new SqliteTemplate("db/no-template");
    }

    /**
     * Puts a copy of the template at {@code database} if there is no database there yet. The copy is written
     * under a name of its own in the same directory, forced to disk, then linked to {@code database}: a link
     * never replaces an existing file, so of several processes opening one new directory at once exactly one
     * places its copy and the others find it there. Nothing is placed beside a write-ahead log or rollback
     * journal left without its database, which SQLite would otherwise replay onto the copy.
     *
     * @return whether this call placed the copy; false when a database (or its log) exists, when the template
     *         is missing or made from other migrations, when the directory does not exist, or when its file
     *         system has no hard links
     * @throws IOException when the copy cannot be written, linked, or forced to disk with its directory; the
     *         temporary copy is removed either way
     */
    boolean placeAt(Path database) throws IOException {
        Path dir = database.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir) || anyExists(database, "", "-wal", "-journal") || !matches()) {
            return false;
        }
        try (InputStream template = resource(DATABASE)) {
            if (template == null) {
                return false;
            }
            Path copy = dir.resolve(database.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".template");
            try {
                try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    template.transferTo(Channels.newOutputStream(out));
                    out.force(true);
                }
                Files.createLink(database, copy);
                return true;
            } catch (FileAlreadyExistsException someoneElseWasFirst) {
                return false;
            } catch (UnsupportedOperationException noHardLinksHere) {
                return false;
            } finally {
                Files.deleteIfExists(copy);
                fsyncDirectory(dir);
            }
        }
    }

    /** Whether the template's history lists exactly the migrations this build carries, with their checksums. */
    boolean matches() throws IOException {
        Properties listed = new Properties();
        try (InputStream manifest = resource(MANIFEST)) {
            if (manifest == null) {
                return false;
            }
            listed.load(manifest);
        }
        List<Migrations.Script> scripts = Migrations.of(Dialect.SQLITE);
        if (listed.size() != scripts.size()) {
            return false;
        }
        for (Migrations.Script script : scripts) {
            if (!String.valueOf(Migrations.checksum(script)).equals(listed.getProperty(script.fileName()))) {
                return false;
            }
        }
        return true;
    }

    private InputStream resource(String name) {
        return SqliteTemplate.class.getClassLoader().getResourceAsStream(location + "/" + name);
    }

    private static boolean anyExists(Path database, String... suffixes) {
        for (String suffix : suffixes) {
            if (Files.exists(database.resolveSibling(database.getFileName() + suffix))) {
                return true;
            }
        }
        return false;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
