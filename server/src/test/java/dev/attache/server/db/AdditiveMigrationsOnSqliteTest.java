package dev.attache.server.db;

import java.nio.file.Path;

class AdditiveMigrationsOnSqliteTest extends AdditiveMigrationsContract {
    AdditiveMigrationsOnSqliteTest() {
        super(Dialect.SQLITE);
    }

    @Override
    Database openEmpty(Path dir) {
        // Not the build's migrated template: the released migrations must run alone first.
        return Database.sqlite(dir, SqliteTemplate.none());
    }
}
