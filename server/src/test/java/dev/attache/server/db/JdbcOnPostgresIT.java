package dev.attache.server.db;

import dev.attache.server.testing.Engine;

class JdbcOnPostgresIT extends JdbcContract {
    JdbcOnPostgresIT() {
        super(Engine.POSTGRESQL);
    }
}
