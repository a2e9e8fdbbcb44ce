package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling upgrade runs nodes of the previous version against the schema the new version's migrations
 * made: every table and column the released migrations made must survive the newer ones, under its
 * name, with a type its readers still read and the nullability its writers and readers rely on. On a
 * real engine: the released migrations, then the rest, compared through JDBC's metadata.
 */
abstract class AdditiveMigrationsContract {

    /** A test-only location with a migration this build does not know, as the next version would ship. */
    private static final String NEXT_VERSION = "db/next-version";

    @TempDir
    Path dir;

    private final Dialect dialect;

    AdditiveMigrationsContract(Dialect dialect) {
        this.dialect = dialect;
    }

    /** An empty database of this engine, which no migration has touched. */
    abstract Database openEmpty(Path dir);

    @Test
    void everyReleasedColumnKeepsItsNameTypeAndNullabilityThroughTheNewerMigrations() throws SQLException {
        ReleasedMigrations released = ReleasedMigrations.load();
        try (Database database = openEmpty(dir)) {
            Flyway.configure().dataSource(database.dataSource()).locations(dialect.migrationLocations())
                    .target(released.lastReleasedVersion(dialect)).load().migrate();
            Map<String, Column> releasedSchema = columns(database);
            database.migrate();
            Map<String, Column> currentSchema = columns(database);

            assertThat(releasedSchema).as("the released migrations make tables").isNotEmpty();
            assertThat(incompatibilities(releasedSchema, currentSchema))
                    .as("released versions still read these; see docs/deploy.md#rolling-upgrades").isEmpty();
        }
    }

    @Test
    void aNodeOfThisVersionStartsOnADatabaseThatANewerVersionMigrated() {
        try (Database database = openEmpty(dir)) {
            String[] newer = Stream.concat(Arrays.stream(dialect.migrationLocations()), Stream.of("classpath:" + NEXT_VERSION))
                    .toArray(String[]::new);
            Flyway.configure().dataSource(database.dataSource()).locations(newer).load().migrate();

            assertThatCode(database::migrate).doesNotThrowAnyException();
        }
    }

    private static List<String> incompatibilities(Map<String, Column> released, Map<String, Column> current) {
        List<String> found = new ArrayList<>();
        released.forEach((name, was) -> {
            Column now = current.get(name);
            if (now == null) {
                found.add(name + " is gone");
            } else if (!now.readableAs(was)) {
                found.add(name + " was " + was + ", is " + now);
            }
        });
        return found;
    }

    /** Every column of the application's tables, by {@code table.column}. */
    private static Map<String, Column> columns(Database database) throws SQLException {
        Map<String, Column> columns = new TreeMap<>();
        try (Connection c = database.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rows = meta.getColumns(null, c.getSchema(), "%", "%")) {
                while (rows.next()) {
                    String table = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.startsWith("sqlite_") || table.equals("flyway_schema_history")) {
                        continue;
                    }
                    columns.put(table + "." + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            new Column(rows.getString("TYPE_NAME"), rows.getInt("COLUMN_SIZE"),
                                    rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
        }
        return columns;
    }

    /**
     * A column's type as the engine reports it.
     *
     * @param type     the engine's type name
     * @param size     characters for text, digits for numbers
     * @param nullable whether it takes NULL
     */
    record Column(String type, int size, boolean nullable) {

        /**
         * Whether what the previous version reads from {@code released} it still reads from this: the
         * same kind of type, at least as wide (VARCHAR(255) may become TEXT, INTEGER may become BIGINT),
         * and the same nullability (a new NOT NULL breaks its inserts, a dropped one its reads).
         */
        boolean readableAs(Column released) {
            return kind(type).equals(kind(released.type)) && size >= released.size && nullable == released.nullable;
        }

        private static String kind(String type) {
            String name = type.toLowerCase(Locale.ROOT);
            if (name.contains("char") || name.equals("text")) {
                return "text";
            }
            if (List.of("int", "int2", "int4", "int8", "integer", "smallint", "bigint").contains(name)) {
                return "integer";
            }
            return name.equals("bool") ? "boolean" : name;
        }

        @Override
        public String toString() {
            return type + "(" + size + ")" + (nullable ? "" : " NOT NULL");
        }
    }
}
