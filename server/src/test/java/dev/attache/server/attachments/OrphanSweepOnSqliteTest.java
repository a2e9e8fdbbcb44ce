package dev.attache.server.attachments;

import dev.attache.server.testing.Engine;

class OrphanSweepOnSqliteTest extends OrphanSweepContract {
    OrphanSweepOnSqliteTest() {
        super(Engine.SQLITE);
    }
}
