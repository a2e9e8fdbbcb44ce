package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * Nodes of a released version keep running against the schema that newer migrations make (a rolling
 * upgrade), so released migrations never change and newer ones only add. The schema check on real
 * engines is {@link AdditiveMigrationsContract}; this one reads the SQL.
 */
class ReleasedMigrationsTest {

    private final ReleasedMigrations released = ReleasedMigrations.load();

    /** Statements that take away or reshape something an older version reads or writes. */
    private static final Map<String, Pattern> DESTRUCTIVE = Map.of(
            "drops", Pattern.compile("\\bDROP\\b"),
            "renames", Pattern.compile("\\bRENAME\\b"),
            "adds a required column without a default, which the previous version's inserts do not fill",
            Pattern.compile("\\bADD\\s+(COLUMN\\s+)?(?:(?!\\bDEFAULT\\b)[^,;])*\\bNOT\\s+NULL\\b(?:(?!\\bDEFAULT\\b)[^,;])*(,|$)"));

    @Test
    void everyReleasedMigrationShipsUnchanged() {
        Map<String, Migrations.Script> shipped = Migrations.of(Dialect.POSTGRESQL).stream()
                .collect(Collectors.toMap(Migrations.Script::resource, script -> script));

        assertThat(shipped.keySet()).containsAll(released.checksums().keySet());
        released.checksums().forEach((resource, checksum) ->
                assertThat(Migrations.checksum(shipped.get(resource))).as(resource).isEqualTo(checksum));
    }

    @Test
    void newMigrationsComeAfterEveryReleasedOne() {
        for (Dialect dialect : Dialect.values()) {
            MigrationVersion last = released.lastReleasedVersion(dialect);
            for (Migrations.Script script : released.newerThanReleased(dialect)) {
                assertThat(MigrationVersion.fromVersion(script.version())).as(script.resource()).isGreaterThan(last);
            }
        }
    }

    @Test
    void newMigrationsNeitherDropNorRenameNorAddRequiredColumnsWithoutDefault() {
        List<String> findings = new ArrayList<>();
        for (Migrations.Script script : released.newerThanReleased(Dialect.POSTGRESQL)) {
            for (String statement : statements(read(script))) {
                DESTRUCTIVE.forEach((what, pattern) -> {
                    if (pattern.matcher(statement).find()) {
                        findings.add(script.resource() + " " + what + ": " + statement);
                    }
                });
            }
        }

        assertThat(findings).as("released versions still read what these change; see docs/deploy.md#rolling-upgrades").isEmpty();
    }

    /** The statements of a script, upper case, one line each, without comments. */
    private static List<String> statements(String sql) {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
        List<String> statements = new ArrayList<>();
        for (String statement : code.split(";")) {
            String clean = statement.replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
            if (!clean.isEmpty()) {
                statements.add(clean);
            }
        }
        return statements;
    }

    private static String read(Migrations.Script script) {
        try (InputStream in = ReleasedMigrationsTest.class.getClassLoader().getResourceAsStream(script.resource())) {
            assertThat(in).as(script.resource()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
