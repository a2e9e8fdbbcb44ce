package dev.attache.server.auth;

import dev.attache.server.testing.Engine;

class TokenStoreOnPostgresIT extends TokenStoreContract {
    TokenStoreOnPostgresIT() {
        super(Engine.POSTGRESQL);
    }
}
