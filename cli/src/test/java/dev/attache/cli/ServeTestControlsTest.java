package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.App;
import picocli.CommandLine;

/** {@code attache serve --test-controls}: the control routes, their token, and that they are off by default. */
class ServeTestControlsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static ServeCommand serve(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private int clockStatus(App app, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUri() + "/_test/clock"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void testControlsWriteTheirTokenPrintItAndAnswerWithIt(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (App app = serve("--port", "0", "--data-dir", dir.toString(), "--test-controls")
                .start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String token = Files.readString(dir.resolve(ServeCommand.TEST_CONTROL_TOKEN_FILE)).trim();

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Test controls are ON").contains(token);
            assertThat(clockStatus(app, token)).isEqualTo(200);
            assertThat(clockStatus(app, "wrong")).isEqualTo(401);
        }
    }

    @Test
    void withoutTheFlagThereAreNoControlRoutesAndNoToken(@TempDir Path dir) throws Exception {
        try (App app = serve("--port", "0", "--data-dir", dir.toString()).start(new PrintStream(new ByteArrayOutputStream()))) {
            assertThat(clockStatus(app, "anything")).isEqualTo(404);
            assertThat(dir.resolve(ServeCommand.TEST_CONTROL_TOKEN_FILE)).doesNotExist();
        }
    }
}
