package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.cli.Main;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

/**
 * {@code attache login} in a JVM of its own on a real pseudo-terminal, made by util-linux's
 * {@code script}: what the terminal shows is everything the pty sends back, so a token typed with
 * echo on would be in it.
 */
@ExtendWith(AttacheExtension.class)
class LoginOnATerminalTest {

    @TempDir
    Path home;

    private final AttacheServer server;

    LoginOnATerminalTest(AttacheServer server) {
        this.server = server;
    }

    @Test
    void theTokenTypedAtThePromptIsNotEchoed() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " " + Main.class.getName() + " login --host " + server.apiBaseUri();
        ProcessBuilder builder = new ProcessBuilder(List.of("script", "-qec", command, "/dev/null")).redirectErrorStream(true);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_CONFIG_HOME");
        Process login = builder.start();
        // A command that never asks would block the read below; ending it ends the read.
        CompletableFuture.delayedExecutor(3, TimeUnit.MINUTES).execute(login::destroyForcibly);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (InputStream out = login.getInputStream(); OutputStream in = login.getOutputStream()) {
            readUntil(out, screen, "Token for ");
            in.write((server.token() + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            out.transferTo(screen);
            assertThat(login.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            login.destroyForcibly();
        }

        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("Signed in to " + server.apiBaseUri());
        assertThat(shown).doesNotContain(server.token().substring(server.token().lastIndexOf(':') + 1));
        assertThat(home.resolve(".config/attache/credentials")).exists();
    }

    private static void readUntil(InputStream in, ByteArrayOutputStream seen, String text) throws IOException {
        while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the command ended before asking for the token:\n" + seen);
            }
            seen.write(b);
        }
    }
}
