package dev.attache.server.directory;

import dev.attache.server.testing.Engine;

class DirectoryStoreOnSqliteTest extends DirectoryStoreContract {
    DirectoryStoreOnSqliteTest() {
        super(Engine.SQLITE);
    }
}
