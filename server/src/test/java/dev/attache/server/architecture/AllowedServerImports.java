package dev.attache.server.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server packages each other module may use: what the server offers the rest of the build. A
 * module's own test ({@code ServerImportsTest} in cli, storage-s3, testkit and client) checks its
 * classes against its rows, so a new import of anything else fails there; {@link PackageDependenciesTest}
 * checks that every package named here still exists. Packages not named anywhere ({@code http},
 * {@code download}, {@code console}, {@code oauth}, {@code ids}, {@code ops}) are the server's alone.
 */
public enum AllowedServerImports {

    /** The command: serve and admin wire the server's own parts, so it sees most of them. */
    CLI_MAIN("dev.attache.cli", Code.MAIN, "", "admin", "attachments", "auth", "blob", "db", "directory", "faults",
            "ratelimit", "signing", "storage", "tls"),
    /** The command's tests: servers and data directories set up the way serve and admin do. */
    CLI_TESTS("dev.attache.cli", Code.TESTS, "", "admin", "auth", "blob", "ratelimit", "signing", "tls"),
    /** The S3 blob store implements the server's blob store contract. */
    STORAGE_S3_MAIN("dev.attache.storage.s3", Code.MAIN, "blob", "signing"),
    /** Its tests run whole cluster nodes over PostgreSQL and S3. */
    STORAGE_S3_TESTS("dev.attache.storage.s3", Code.TESTS, "", "admin", "blob", "db", "directory", "ratelimit", "signing",
            "storage", "testing"),
    /** The testkit starts an embedded server and turns its settings, faults and clock into types of its own. */
    TESTKIT_MAIN("dev.attache.testkit", Code.MAIN, "", "embedded", "faults", "ratelimit", "tls"),
    /** The testkit's tests use it as its users do. */
    TESTKIT_TESTS("dev.attache.testkit", Code.TESTS),
    /** The client's contract tests run against embedded servers and the API's oracle. */
    CLIENT_TESTS("dev.attache.client", Code.TESTS, "", "admin", "auth", "embedded", "testing", "tls");

    private static final String SERVER = "dev.attache.server";

    private final String module;
    private final Code code;
    private final List<String> packages;

    AllowedServerImports(String module, Code code, String... subpackages) {
        this.module = module;
        this.code = code;
        this.packages = List.of(subpackages).stream().map(p -> p.isEmpty() ? SERVER : SERVER + "." + p + "..").toList();
    }

    /** The server packages allowed, in ArchUnit's notation: the root package alone, the others with their subpackages. */
    public List<String> packages() {
        return packages;
    }

    /** No class of the module (its main or its test code, as the row says) uses a server package the row does not name. */
    public ArchRule rule() {
        DescribedPredicate<JavaClass> notAllowed = resideInAPackage(SERVER + "..")
                .and(DescribedPredicate.not(resideInAnyPackage(packages.toArray(String[]::new))))
                // This table, which every module's check calls.
                .and(DescribedPredicate.not(resideInAPackage(SERVER + ".architecture")))
                .as("server classes outside " + packages);
        return noClasses().should().dependOnClassesThat(notAllowed)
                .as("the " + code.describe + " of " + module + " use only the server packages " + packages);
    }

    /**
     * The module's classes this row is about, read from the build output of the module running the
     * check (surefire's {@code basedir}).
     */
    public JavaClasses classes() {
        Path output = Path.of(System.getProperty("basedir", "."), "target", code.directory);
        if (!Files.isDirectory(output)) {
            throw new AssertionError("no " + output + ": run the check from the module's build");
        }
        return importWithoutResolving(importer -> importer.importPath(output)).that(resideInAPackage(module + ".."));
    }

    /**
     * Imports without reading the classes they use from the class path: a dependency's package is in
     * its name already, and resolving them read much of the AWS SDK and Jetty for storage-s3's and the
     * cli's tests (42 s against 6 s, in two runs on the same loaded machine). Scoped to this thread,
     * so ArchUnit's global settings stay as they are.
     */
    static JavaClasses importWithoutResolving(Function<ClassFileImporter, JavaClasses> importing) {
        return ArchConfiguration.withThreadLocalScope(config -> {
            config.setResolveMissingDependenciesFromClassPath(false);
            return importing.apply(new ClassFileImporter());
        });
    }

    /** Checks the module's classes, as its {@code ServerImportsTest} does. */
    public void check() {
        JavaClasses classes = classes();
        if (classes.isEmpty()) {
            throw new AssertionError("no classes of " + module + " in target/" + code.directory + ": nothing was checked");
        }
        rule().check(classes);
    }

    private enum Code {
        MAIN("main classes", "classes"),
        TESTS("test classes", "test-classes");

        final String describe;
        final String directory;

        Code(String describe, String directory) {
            this.describe = describe;
            this.directory = directory;
        }
    }
}
