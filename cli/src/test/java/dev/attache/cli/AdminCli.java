package dev.attache.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/** Runs {@code attache admin ...} in this JVM against one data directory and keeps what it printed. */
final class AdminCli {

    /**
     * One finished run.
     *
     * @param exitCode what the process would have exited with
     * @param out      standard output
     * @param err      standard error
     */
    record Run(int exitCode, String out, String err) {

        /** Standard output without its trailing newline: a created gid or token. */
        String value() {
            return out.strip();
        }
    }

    private final Path dataDir;

    AdminCli(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Runs {@code attache admin <args> --data-dir <dir>}. */
    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>();
        all.add("admin");
        all.addAll(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        int exitCode = cli.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Runs a command that must succeed and returns what it printed. */
    String ok(String... args) {
        Run run = run(args);
        if (run.exitCode() != 0) {
            throw new AssertionError("attache admin " + String.join(" ", args) + " exited " + run.exitCode() + ": " + run.err());
        }
        return run.value();
    }
}
