package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as a named module: a consumer whose module declares only
 * {@code requires dev.attache.client;}, compiled and run on a module path of nothing but the jars
 * Maven gives a consumer of {@code attache-client}, reaches
 * {@code dev.attache.client}, cannot reach {@code dev.attache.client.internal}, and runs (Jackson
 * can read the public records through the module's {@code opens}).
 */
class ModuleBoundaryTest {

    @TempDir
    Path dir;

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The client's classes plus exactly the jars Maven hands a consumer of {@code attache-client}
     * (its compile and runtime dependencies), as the build wrote them; nothing the test adds.
     */
    private static String modulePath() throws URISyntaxException, IOException {
        String listing = System.getProperty("attache.consumer.classpath");
        assertThat(listing).as("attache.consumer.classpath, set by the client's pom").isNotNull();
        String dependencies = Files.readString(Path.of(listing)).trim();
        return location(AttachmentsApi.class) + (dependencies.isEmpty() ? "" : File.pathSeparator + dependencies);
    }

    private DiagnosticCollector<JavaFileObject> compile(Path src, Path out, String mainSource) throws Exception {
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"),
                "module consumer { requires dev.attache.client; }");
        Path main = Files.writeString(src.resolve("consumer/Main.java"), mainSource);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "--module-path", modulePath(), "-d", out.toString());
            javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(src.resolve("module-info.java"), main)).call();
        }
        return diagnostics;
    }

    @Test
    void consumerOnTheModulePathCannotUseTheInternalPackage() throws Exception {
        DiagnosticCollector<JavaFileObject> diagnostics = compile(dir.resolve("src"), dir.resolve("out"), """
                package consumer;
                public class Main {
                    public static void main(String[] args) {
                        new dev.attache.client.internal.JsonCodec();
                    }
                }
                """);

        assertThat(diagnostics.getDiagnostics()).filteredOn(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .extracting(d -> d.getMessage(null))
                .anySatisfy(m -> assertThat(m).contains("dev.attache.client.internal").contains("not visible"));
    }

    @Test
    void consumerOnTheModulePathCompilesAndRunsAgainstThePublicApi() throws Exception {
        Path out = dir.resolve("out");
        DiagnosticCollector<JavaFileObject> diagnostics = compile(dir.resolve("src"), out, """
                package consumer;

                import dev.attache.client.AttachmentGid;
                import dev.attache.client.AttachmentsApi;
                import java.net.URI;

                public class Main {
                    public static void main(String[] args) {
                        try (AttachmentsApi api = AttachmentsApi.builder().baseUri(URI.create(args[0])).token("t").build()) {
                            System.out.println(api.getAttachment(AttachmentGid.of("7")).join().name());
                        }
                    }
                }
                """);
        assertThat(diagnostics.getDiagnostics()).filteredOn(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .extracting(d -> d.getMessage(null))
                .isEmpty();

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "{\"data\":{\"gid\":\"7\",\"name\":\"from a module\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Process p;
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "--module-path",
                    out + File.pathSeparator + modulePath(), "--module", "consumer/consumer.Main",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/api/1.0"));
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(output);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.stop(0);
        }

        assertThat(output.toString(StandardCharsets.UTF_8).trim()).isEqualTo("from a module");
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void theModuleExportsOnlyThePublicPackage() throws URISyntaxException {
        ModuleDescriptor d = ModuleFinder.of(location(AttachmentsApi.class)).findAll().iterator().next().descriptor();

        assertThat(d.name()).isEqualTo("dev.attache.client");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.attache.client");
        assertThat(d.packages()).contains("dev.attache.client.internal");
    }

    @Test
    void theBuildersClockAndJitterAreNotPublicApi() {
        assertThat(java.util.Arrays.stream(AttachmentsApiBuilder.class.getMethods())
                .map(java.lang.reflect.Method::getName))
                .doesNotContain("clock", "jitter")
                .contains("sleeper", "retry", "listener");
    }
}
