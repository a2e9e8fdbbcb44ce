package dev.attache.server.auth;

import dev.attache.server.testing.Engine;

class TokenStoreOnSqliteTest extends TokenStoreContract {
    TokenStoreOnSqliteTest() {
        super(Engine.SQLITE);
    }
}
