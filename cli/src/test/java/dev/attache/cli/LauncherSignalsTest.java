package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code attache} launcher's part in stopping {@code serve}: the first SIGTERM or SIGINT reaches the
 * server as SIGTERM (it drains), a second one kills it at once, and the launcher exits with the server's
 * status. The launcher runs as shipped, from a copy of the repository's layout with a built jar in
 * place; {@code java} on its path is a stand-in that records the signals it gets and drains until told
 * to finish, so the test sees exactly what the launcher does.
 */
class LauncherSignalsTest {

    private static final String STAND_IN = """
            #!/usr/bin/env bash
            trap 'echo TERM >> "$FAKE_LOG"' TERM
            echo "started $$" >> "$FAKE_LOG"
            while [ ! -e "$FAKE_FINISH" ]; do sleep 0.05; done
            exit 0
            """;

    @TempDir
    Path dir;
    Path log;
    Process launcher;

    @BeforeEach
    void layOutTheLauncher() throws IOException {
        Path launcherCopy = dir.resolve("attache");
        Files.copy(Path.of("..", "attache"), launcherCopy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(dir.resolve("cli/target"));
        Files.write(dir.resolve("cli/target/attache.jar"), new byte[0]);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("java"), STAND_IN, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        log = dir.resolve("signals.log");
        Files.writeString(log, "");
    }

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void aSecondSigtermKillsTheServerAtOnce() throws Exception {
        long server = startServe();

        signal("TERM");
        awaitLine("TERM");
        signal("TERM");

        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as("128 + SIGKILL").isEqualTo(137);
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).as("the server").isIn(Optional.empty(), Optional.of(false));
    }

    @Test
    void ctrlCReachesTheServerAsSigtermAndTheLauncherExitsWithTheServersStatus() throws Exception {
        startServe();

        signal("INT");
        awaitLine("TERM");
        Files.writeString(dir.resolve("finish"), "");

        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
    }

    /** Runs {@code attache serve} with the stand-in; the stand-in's process id once it runs. */
    private long startServe() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", dir.resolve("attache").toString(), "serve").redirectErrorStream(true)
                .redirectOutput(dir.resolve("launcher.out").toFile());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_LOG", log.toString());
        builder.environment().put("FAKE_FINISH", dir.resolve("finish").toString());
        launcher = builder.start();
        String started = awaitLine("started ");
        return Long.parseLong(started.substring("started ".length()).trim());
    }

    private void signal(String name) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(launcher.pid())).inheritIO().start().waitFor()).isZero();
    }

    /** Waits, within a bound, for a line of the stand-in's log that starts with {@code prefix}. */
    private String awaitLine(String prefix) throws IOException, InterruptedException {
        try (WatchService watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                Optional<String> line = lines().stream().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("no '" + prefix + "' in the stand-in's log: " + lines() + "; launcher said: "
                            + Files.readString(dir.resolve("launcher.out")));
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
