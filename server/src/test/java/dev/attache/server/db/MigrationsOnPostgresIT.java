package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.attache.server.testing.TestPostgres;

/** The check that lets a start skip Flyway agrees with what Flyway records on PostgreSQL too. */
class MigrationsOnPostgresIT {

    @Test
    void aDatabaseFlywayMigratedHasEveryMigrationApplied() {
        PostgresUrl url = TestPostgres.freshDatabase();
        try (Database database = Database.postgresql(url)) {
            assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.POSTGRESQL))).isFalse();
            database.migrate();

            assertThat(Migrations.allApplied(database.dataSource(), Migrations.of(Dialect.POSTGRESQL))).isTrue();
        }
    }
}
