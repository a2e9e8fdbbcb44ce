package dev.attache.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code attache serve} in a JVM of its own, as an operator runs it, for tests that send it real
 * signals. Its output is collected on a thread of its own (so the child never blocks on a full pipe)
 * and shown in a failing assertion's message.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Attaché is serving https?://[^:]+:(\\d+)/");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ServeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collectOutput, "serve-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code attache serve --port 0 --data-dir DIR} plus {@code args}, with {@code env} added to this one's. */
    static ServeProcess start(Path dataDir, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new ServeProcess(builder.start());
    }

    private void collectOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    port.complete(Integer.parseInt(serving.group(1)));
                }
            }
        } catch (IOException e) {
            output.append("(output ended: ").append(e).append(")\n");
        }
        port.completeExceptionally(new AssertionError("serve ended before it listened:\n" + output));
    }

    /** The port it listens on, once it says so. */
    int port() throws Exception {
        return port.get(60, TimeUnit.SECONDS);
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}) with the system's {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, once it has exited (within a minute). */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("serve did not exit within a minute after:\n" + output);
        }
        return process.exitValue();
    }

    /** Everything it printed so far. */
    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
