package dev.attache.cli;

import picocli.CommandLine;

/** The {@code attache} executable: builds the command tree and runs it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, for the executable and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new AttacheCommand())
                .addSubcommand("serve", new ServeCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
