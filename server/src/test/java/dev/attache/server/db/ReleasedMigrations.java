package dev.attache.server.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;

/**
 * The migrations released versions ship, as recorded in {@code db/released-migrations.txt}: each
 * resource with the checksum it shipped with. Everything after them must leave what they made readable.
 *
 * @param checksums Flyway's checksum of each released migration, by resource
 */
record ReleasedMigrations(Map<String, Integer> checksums) {

    static final String RESOURCE = "db/released-migrations.txt";

    ReleasedMigrations {
        checksums = Map.copyOf(checksums);
    }

    static ReleasedMigrations load() {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        try (InputStream in = ReleasedMigrations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] fields = entry.split("\\s+");
                if (fields.length != 2) {
                    throw new IllegalStateException(RESOURCE + ": expected \"resource checksum\", got \"" + entry + "\"");
                }
                checksums.put(fields[0], Integer.parseInt(fields[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReleasedMigrations(checksums);
    }

    boolean isReleased(Migrations.Script script) {
        return checksums.containsKey(script.resource());
    }

    /** The migrations of this build that no released version ships. */
    List<Migrations.Script> newerThanReleased(Dialect dialect) {
        return Migrations.of(dialect).stream().filter(script -> !isReleased(script)).toList();
    }

    /** The highest version among the released migrations an engine gets. */
    MigrationVersion lastReleasedVersion(Dialect dialect) {
        return Migrations.of(dialect).stream().filter(this::isReleased)
                .map(script -> MigrationVersion.fromVersion(script.version()))
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " lists no migration of " + dialect));
    }
}
