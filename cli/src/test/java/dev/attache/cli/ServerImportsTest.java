package dev.attache.cli;

import org.junit.jupiter.api.Test;

import dev.attache.server.architecture.AllowedServerImports;

/** This module uses only the server packages the server allows it ({@link AllowedServerImports}). */
class ServerImportsTest {
    @Test
    void mainCodeImportsOnlyTheServerPackagesItIsAllowed() {
        AllowedServerImports.CLI_MAIN.check();
    }

    @Test
    void testsImportOnlyTheServerPackagesTheyAreAllowed() {
        AllowedServerImports.CLI_TESTS.check();
    }
}
