package dev.attache.cli.attachments;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.Main;
import dev.attache.testkit.AttacheServer;
import picocli.CommandLine;

/** Runs {@code attache ...} in this JVM against a test server and keeps what it printed. */
final class Cli {

    /**
     * One finished run.
     *
     * @param exitCode what the process would have exited with
     * @param out      standard output
     * @param err      standard error
     */
    record Run(int exitCode, String out, String err, byte[] bytes) {

        List<String> lines() {
            return out.lines().toList();
        }
    }

    private final @Nullable AttacheServer server;
    private final FakeTerminal terminal = new FakeTerminal();
    private Connector connector = Connector.http();
    private final Map<String, String> environment = new HashMap<>();

    Cli(@Nullable AttacheServer server) {
        this.server = server;
    }

    /** For commands that reach no server: help and completion. */
    static Cli withoutServer() {
        return new Cli(null);
    }

    /** Builds the client with {@code connector} instead of the production one. */
    Cli connectingWith(Connector connector) {
        this.connector = connector;
        return this;
    }

    /** Sets an environment variable for the next runs. */
    Cli withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Makes {@code in} the next runs' standard input, as a pipe would. */
    Cli withStandardInput(InputStream in) {
        terminal.stdin = in;
        return this;
    }

    /** Makes standard input a terminal on which the next questions get these answers. */
    Cli answering(String... answers) {
        terminal.interactive = true;
        terminal.answers.addAll(List.of(answers));
        return this;
    }

    /** Makes standard input a pipe that holds these lines, read line by line (answers, a token); {@link #withStandardInput} gives bytes. */
    Cli withPipedLines(String... lines) {
        terminal.interactive = false;
        terminal.answers.addAll(List.of(lines));
        return this;
    }

    /** The prompts of the secrets asked for on the terminal (read without echo) so far. */
    List<String> secretPrompts() {
        return List.copyOf(terminal.secretPrompts);
    }

    /** Runs {@code attache <args> --host <server> --token <dev token>}. */
    Run run(String... args) {
        if (server == null) {
            throw new IllegalStateException("no server to connect to");
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--host", server.apiBaseUri().toString(), "--token", server.token()));
        return runExactly(all.toArray(String[]::new));
    }

    /** Runs {@code attache <args>} with no connection options added. */
    Run runExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        terminal.stdout.reset();
        CommandLine cli = Main.commandLine(terminal, connector, new Environment(environment))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString(), terminal.stdout.toByteArray());
    }

    /** Runs a command that must succeed. */
    Run ok(String... args) {
        Run run = run(args);
        if (run.exitCode() != 0) {
            throw new AssertionError("attache " + String.join(" ", args) + " exited " + run.exitCode() + ": " + run.err());
        }
        return run;
    }

    /** A terminal that is not one unless a test says so, and answers from a list. */
    private static final class FakeTerminal implements Terminal {
        boolean interactive;
        final Deque<String> answers = new ArrayDeque<>();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final List<String> secretPrompts = new ArrayList<>();
        InputStream stdin = InputStream.nullInputStream();

        @Override
        public InputStream standardInput() {
            return stdin;
        }

        @Override
        public OutputStream standardOutput() {
            return stdout;
        }

        @Override
        public boolean stdinIsTerminal() {
            return interactive;
        }

        @Override
        public boolean stderrIsTerminal() {
            return false;
        }

        @Override
        public Optional<String> readLine() {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<String> readSecret(String prompt) {
            if (!interactive) {
                throw new AssertionError("a secret asked for without a terminal");
            }
            secretPrompts.add(prompt);
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public PrintStream progressStream() {
            throw new AssertionError("no progress bars without a terminal");
        }

        @Override
        public Supplier<ScreenSize> screen() {
            throw new AssertionError("no progress bars without a terminal");
        }
    }
}
