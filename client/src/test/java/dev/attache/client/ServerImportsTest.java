package dev.attache.client;

import org.junit.jupiter.api.Test;

import dev.attache.server.architecture.AllowedServerImports;

/** This module uses only the server packages the server allows it ({@link AllowedServerImports}). */
class ServerImportsTest {
    @Test
    void testsImportOnlyTheServerPackagesTheyAreAllowed() {
        AllowedServerImports.CLIENT_TESTS.check();
    }
}
