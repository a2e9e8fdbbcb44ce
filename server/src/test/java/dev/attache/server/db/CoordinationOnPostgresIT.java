package dev.attache.server.db;

import dev.attache.server.testing.Engine;

class CoordinationOnPostgresIT extends CoordinationContract {
    CoordinationOnPostgresIT() {
        super(Engine.POSTGRESQL);
    }
}
