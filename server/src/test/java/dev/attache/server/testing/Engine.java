package dev.attache.server.testing;

import java.nio.file.Path;
import java.util.function.Supplier;

import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;

/** The engines a store contract test runs against. */
public enum Engine {

    /** SQLite in a test's temporary directory. */
    SQLITE {
        @Override
        public Supplier<Database> freshDatabase(Path dir) {
            return () -> Database.sqlite(dir);
        }
    },

    /** A database of its own on the JVM's embedded PostgreSQL. */
    POSTGRESQL {
        @Override
        public Supplier<Database> freshDatabase(Path dir) {
            PostgresUrl url = TestPostgres.freshDatabase();
            return () -> Database.postgresql(url);
        }
    };

    /**
     * A new, empty database; each call of the supplier opens another connection pool to it, the way
     * another node would.
     */
    public abstract Supplier<Database> freshDatabase(Path dir);
}
