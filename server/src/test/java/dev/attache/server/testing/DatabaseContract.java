package dev.attache.server.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;

/**
 * Base of the store contract tests: each test gets a fresh, migrated database on the engine its
 * subclass names, and can open more connection pools to it to play further nodes.
 */
public abstract class DatabaseContract {

    private final Engine engine;
    private final List<Database> opened = new ArrayList<>();
    private Supplier<Database> connector;

    @TempDir
    protected Path dir;
    protected Database database;
    protected Jdbc jdbc;

    protected DatabaseContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    final void openDatabase() {
        connector = engine.freshDatabase(dir);
        database = connectNode();
        database.migrate();
        jdbc = database.jdbc();
    }

    /** Another connection pool to this test's database, as another node would open; closed after the test. */
    protected Database connectNode() {
        Database another = connector.get();
        opened.add(another);
        return another;
    }

    protected Engine engine() {
        return engine;
    }

    @AfterEach
    final void closeDatabases() {
        opened.forEach(Database::close);
    }
}
