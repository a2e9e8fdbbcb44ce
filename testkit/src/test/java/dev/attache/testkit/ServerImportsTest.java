package dev.attache.testkit;

import org.junit.jupiter.api.Test;

import dev.attache.server.architecture.AllowedServerImports;

/** This module uses only the server packages the server allows it ({@link AllowedServerImports}). */
class ServerImportsTest {
    @Test
    void mainCodeImportsOnlyTheServerPackagesItIsAllowed() {
        AllowedServerImports.TESTKIT_MAIN.check();
    }

    @Test
    void testsImportNoServerPackage() {
        AllowedServerImports.TESTKIT_TESTS.check();
    }
}
