package dev.attache.server.db;

import dev.attache.server.testing.Engine;

class JdbcOnSqliteTest extends JdbcContract {
    JdbcOnSqliteTest() {
        super(Engine.SQLITE);
    }
}
