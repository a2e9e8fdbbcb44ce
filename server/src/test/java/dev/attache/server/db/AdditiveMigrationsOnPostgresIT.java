package dev.attache.server.db;

import java.nio.file.Path;

import dev.attache.server.testing.TestPostgres;

class AdditiveMigrationsOnPostgresIT extends AdditiveMigrationsContract {
    AdditiveMigrationsOnPostgresIT() {
        super(Dialect.POSTGRESQL);
    }

    @Override
    Database openEmpty(Path dir) {
        return Database.postgresql(TestPostgres.freshDatabase());
    }
}
