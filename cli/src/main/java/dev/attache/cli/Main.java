package dev.attache.cli;

import dev.attache.server.admin.AdminStorage;
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
        ExitCodes exitCodes = new ExitCodes();
        return new CommandLine(new AttacheCommand())
                .addSubcommand("serve", new ServeCommand())
                .addSubcommand("admin", admin(AdminStorage::open))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(exitCodes)
                .setExitCodeExceptionMapper(exitCodes);
    }

    private static CommandLine admin(StorageOpener storage) {
        CommandLine admin = new CommandLine(new AdminCommand())
                .addSubcommand(new WorkspaceCommands(storage))
                .addSubcommand(new UserCommands(storage))
                .addSubcommand(new MemberCommands(storage))
                .addSubcommand(new TokenCommands(storage))
                .addSubcommand(new TaskCommands(storage))
                .addSubcommand(new ProjectCommands(storage))
                .addSubcommand(new BriefCommands(storage))
                .addSubcommand(new GcCommand(storage))
                .addSubcommand(new ScrubCommand(storage));
        ExitCodes.document(admin);
        return admin;
    }
}
