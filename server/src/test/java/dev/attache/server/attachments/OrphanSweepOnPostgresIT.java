package dev.attache.server.attachments;

import dev.attache.server.testing.Engine;

class OrphanSweepOnPostgresIT extends OrphanSweepContract {
    OrphanSweepOnPostgresIT() {
        super(Engine.POSTGRESQL);
    }
}
