package dev.attache.storage.s3.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Adobe S3Mock running as a process of its own on a free port, with its objects in a fresh temporary
 * directory. The jar comes from the build (system property {@value #JAR_PROPERTY}); its output goes to
 * {@code s3mock-PORT.log} beside it. Closing it stops the process and deletes the objects, unless it
 * was started to keep them.
 */
final class S3MockProcess implements AutoCloseable {

    static final String JAR_PROPERTY = "attache.s3mock.jar";
    /** Generous: S3Mock needs 6-9 s alone, longer while sibling builds share the cores. */
    private static final long START_TIMEOUT_SECONDS = 180;

    private final Process process;
    private final URI endpoint;
    private final Path root;
    private final boolean ownsRoot;
    private final Thread shutdownHook;

    private S3MockProcess(Process process, URI endpoint, Path root, boolean ownsRoot) {
        this.process = process;
        this.endpoint = endpoint;
        this.root = root;
        this.ownsRoot = ownsRoot;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3mock-stop");
    }

    /** Starts S3Mock and returns once it accepts requests. */
    static S3MockProcess start() {
        try {
            return start(Files.createTempDirectory("attache-s3mock"), freePort(), freePort(), List.of(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Mock", e);
        }
    }

    /**
     * Starts S3Mock on given ports over a store root, which it keeps on exit when {@code retain} is set
     * (so a process started later on the same root finds its objects), and returns once it accepts
     * requests.
     */
    static S3MockProcess start(Path root, int httpPort, int httpsPort, List<String> initialBuckets, boolean retain) {
        String jarSetting = System.getProperty(JAR_PROPERTY);
        if (jarSetting == null || !Files.isRegularFile(Path.of(jarSetting))) {
            throw new IllegalStateException("S3Mock jar not found at " + JAR_PROPERTY + "=" + jarSetting
                    + "; declare maven-dependency-plugin and maven-failsafe-plugin in the module's pom"
                    + " (the root pom configures both) and run the test as *IT under mvn verify");
        }
        Path jar = Path.of(jarSetting);
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                    "-Dcom.adobe.testing.s3mock.httpPort=" + httpPort,
                    "-Dserver.port=" + httpsPort,
                    "-Dserver.address=127.0.0.1",
                    "-Dcom.adobe.testing.s3mock.store.root=" + root,
                    "-Dcom.adobe.testing.s3mock.store.retainFilesOnExit=" + retain,
                    "-jar", jar.toString()));
            if (!initialBuckets.isEmpty()) {
                command.add(command.size() - 2, "-Dcom.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", initialBuckets));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            S3MockProcess mock = new S3MockProcess(process, URI.create("http://127.0.0.1:" + httpPort), root, !retain);
            Runtime.getRuntime().addShutdownHook(mock.shutdownHook);
            mock.awaitStarted(jar.resolveSibling("s3mock-" + httpPort + ".log"));
            return mock;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Mock", e);
        }
    }

    /** Kills the process with SIGKILL, as a crash would, and waits for it to be gone; its store root stays. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("S3Mock did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        removeShutdownHook();
    }

    /**
     * Sends a signal by name ({@code STOP}, {@code CONT}) with the system's {@code kill}: the JDK sends
     * none but TERM and KILL. A stopped store still accepts connections (the kernel does) and takes
     * bytes until its buffers fill, then answers nothing: a store starved or hung, not one that is gone.
     */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The plain-HTTP endpoint, {@code http://127.0.0.1:PORT}. */
    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
        if (ownsRoot) {
            deleteTree(root);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down; the hook stops the process.
        }
    }

    /** Copies S3Mock's output to a log file on a thread of its own, and waits for Spring Boot's "Started" line. */
    private void awaitStarted(Path log) throws IOException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawStarted = new AtomicBoolean();
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread pump = new Thread(() -> copyOutput(out, started, sawStarted), "s3mock-output");
        pump.setDaemon(true);
        pump.start();
        boolean ready;
        try {
            ready = started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        if (!ready || !sawStarted.get()) {
            close();
            throw new IllegalStateException("S3Mock did not start; its output is in " + log);
        }
    }

    private void copyOutput(Writer out, CountDownLatch started, AtomicBoolean sawStarted) {
        try (out; BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.write('\n');
                if (started.getCount() > 0) {
                    out.flush();
                    if (line.contains("Started S3MockApplication")) {
                        sawStarted.set(true);
                        started.countDown();
                    }
                }
            }
        } catch (IOException e) {
            // The process went away; the latch below tells the waiter.
        } finally {
            // Ends the wait at once when the process dies before it started.
            started.countDown();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory; the OS cleans it eventually.
        }
    }
}
