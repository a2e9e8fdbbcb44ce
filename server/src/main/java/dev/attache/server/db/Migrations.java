package dev.attache.server.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import javax.sql.DataSource;

/**
 * The migrations this build ships, listed by name (a test checks the list against the resources), and
 * whether a database has had exactly these applied. That question is one query; asking Flyway loads
 * some 400 classes and scans the class path, about 350 ms of CPU in a start on an existing data directory
 * (docs/benchmarks-history.md, start-up). Anything short of an exact match (no history, a migration missing, failed,
 * changed or unknown to this build) is left to Flyway, which applies, validates or refuses as it always did.
 */
final class Migrations {

    /** A migration's resource: its Flyway location (a class path directory) and its file name. */
    record Script(String location, String fileName) {

        /** Flyway's version of {@code V4_1__name.sql}: {@code 4.1}. */
        String version() {
            return fileName.substring(1, fileName.indexOf("__")).replace('_', '.');
        }

        String resource() {
            return location + "/" + fileName;
        }
    }

    static final String PORTABLE = "db/migration";
    static final String POSTGRESQL = "db/dialect/postgresql";

    private static final List<Script> PORTABLE_SCRIPTS = List.of(
            new Script(PORTABLE, "V1__schema.sql"),
            new Script(PORTABLE, "V2__console_sessions.sql"),
            new Script(PORTABLE, "V3__oauth.sql"),
            new Script(PORTABLE, "V4__cluster.sql"));
    private static final List<Script> POSTGRESQL_SCRIPTS = List.of(
            new Script(POSTGRESQL, "V4_1__postgresql_constraints.sql"));

    private Migrations() {
    }

    /** Every migration an engine gets, portable ones first. */
    static List<Script> of(Dialect dialect) {
        if (dialect != Dialect.POSTGRESQL) {
            return PORTABLE_SCRIPTS;
        }
        List<Script> all = new ArrayList<>(PORTABLE_SCRIPTS);
        all.addAll(POSTGRESQL_SCRIPTS);
        return List.copyOf(all);
    }

    /**
     * Whether Flyway's schema history records exactly these migrations, each applied successfully with
     * the checksum Flyway computes for the script this build carries; false when there is no history.
     */
    static boolean allApplied(DataSource dataSource, List<Script> scripts) {
        Map<String, Applied> history = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT version, script, checksum, success, type FROM flyway_schema_history")) {
            while (rows.next()) {
                int checksum = rows.getInt(3);
                Integer nullable = rows.wasNull() ? null : checksum;
                history.put(String.valueOf(rows.getString(1)),
                        new Applied(rows.getString(2), nullable, rows.getBoolean(4), rows.getString(5)));
            }
        } catch (SQLException e) {
            return false; // no history table yet, or one this check cannot read: Flyway decides
        }
        if (history.size() != scripts.size()) {
            return false;
        }
        for (Script script : scripts) {
            Applied applied = history.get(script.version());
            if (applied == null || !applied.success() || !"SQL".equals(applied.type())
                    || !script.fileName().equals(applied.script()) || applied.checksum() == null
                    || applied.checksum() != checksum(script)) {
                return false;
            }
        }
        return true;
    }

    private record Applied(String script, Integer checksum, boolean success, String type) {
    }

    /**
     * Flyway's checksum of a SQL migration: CRC-32 over the UTF-8 bytes of each line without its line
     * break, after a byte-order mark on the first line is dropped.
     */
    static int checksum(Script script) {
        CRC32 crc = new CRC32();
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(script.resource())) {
            if (in == null) {
                throw new IllegalStateException("migration " + script.resource() + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
