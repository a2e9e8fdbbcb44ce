package dev.attache.server.db;

import dev.attache.server.testing.Engine;

class CoordinationOnSqliteTest extends CoordinationContract {
    CoordinationOnSqliteTest() {
        super(Engine.SQLITE);
    }
}
