package dev.attache.server.directory;

import dev.attache.server.testing.Engine;

class DirectoryStoreOnPostgresIT extends DirectoryStoreContract {
    DirectoryStoreOnPostgresIT() {
        super(Engine.POSTGRESQL);
    }
}
