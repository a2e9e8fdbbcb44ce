package dev.attache.server.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.attache.server.App;

/**
 * Keeps the server's packages a directed acyclic graph: the composition root (with the embedding API
 * that starts it in tests) over the features, the features over the infrastructure, and no package cycle
 * anywhere. Which of them other modules may use is in {@link AllowedServerImports}, checked by each of
 * those modules; here, that every package it names exists.
 */
class PackageDependenciesTest {

    private static final String ROOT = "dev.attache.server";

    private static JavaClasses server;

    @BeforeAll
    static void importProductionClasses() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void serverPackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(server);
    }

    @Test
    void featuresSitAboveInfrastructureAndOnlyTheRootSeesThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Composition root").definedBy(ROOT, ROOT + ".storage..", ROOT + ".embedded..")
                .layer("Features").definedBy(
                        ROOT + ".attachments..", ROOT + ".download..", ROOT + ".directory..", ROOT + ".admin..",
                        ROOT + ".console..", ROOT + ".oauth..", ROOT + ".faults..")
                .layer("Infrastructure").definedBy(
                        ROOT + ".http..", ROOT + ".auth..", ROOT + ".db..", ROOT + ".blob..", ROOT + ".ratelimit..",
                        ROOT + ".ids..", ROOT + ".signing..", ROOT + ".ops..", ROOT + ".tls..")
                .whereLayer("Composition root").mayNotBeAccessedByAnyLayer()
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Composition root")
                .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Composition root", "Features")
                .check(server);
    }

    @Test
    void everyServerPackageBelongsToALayer() {
        classes()
                .should().resideInAnyPackage(ROOT, ROOT + ".storage..", ROOT + ".embedded..", ROOT + ".attachments..", ROOT + ".download..",
                        ROOT + ".directory..", ROOT + ".admin..", ROOT + ".console..", ROOT + ".oauth..", ROOT + ".faults..",
                        ROOT + ".http..", ROOT + ".auth..", ROOT + ".db..", ROOT + ".blob..", ROOT + ".ratelimit..", ROOT + ".ids..",
                        ROOT + ".signing..", ROOT + ".ops..", ROOT + ".tls..")
                .check(server);
    }

    @Test
    void everyPackageOtherModulesMayImportExists() {
        JavaClasses serverWithFixtures = AllowedServerImports.importWithoutResolving(importer -> importer.importUrls(
                List.of(codeSource(App.class), codeSource(PackageDependenciesTest.class))));
        for (AllowedServerImports row : AllowedServerImports.values()) {
            for (String allowed : row.packages()) {
                assertThat(serverWithFixtures.that(resideInAPackage(allowed)))
                        .as("%s allows %s, which has no class", row, allowed).isNotEmpty();
            }
        }
    }

    /** Where a class was loaded from: the server's main or test classes. */
    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
