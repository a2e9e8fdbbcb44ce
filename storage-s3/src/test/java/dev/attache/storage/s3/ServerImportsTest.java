package dev.attache.storage.s3;

import org.junit.jupiter.api.Test;

import dev.attache.server.architecture.AllowedServerImports;

/** This module uses only the server packages the server allows it ({@link AllowedServerImports}). */
class ServerImportsTest {
    @Test
    void mainCodeImportsOnlyTheServerPackagesItIsAllowed() {
        AllowedServerImports.STORAGE_S3_MAIN.check();
    }

    @Test
    void testsImportOnlyTheServerPackagesTheyAreAllowed() {
        AllowedServerImports.STORAGE_S3_TESTS.check();
    }
}
