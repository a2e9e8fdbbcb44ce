package dev.attache.cli;

import dev.attache.cli.attachments.ClientCommands;
import dev.attache.cli.attachments.Connector;
import dev.attache.cli.attachments.Environment;
import dev.attache.cli.attachments.Terminal;
import picocli.CommandLine;

/** The {@code attache} executable: builds the command tree and runs it. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree on the process's terminal, for the executable and for tests. */
    public static CommandLine commandLine() {
        return commandLine(Terminal.system());
    }

    /**
     * The full command tree.
     *
     * @param terminal what the client commands ask questions on and draw progress bars to
     * @return the tree, ready to execute
     */
    public static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, Connector.http());
    }

    /**
     * The full command tree.
     *
     * @param terminal  what the client commands ask questions on and draw progress bars to
     * @param connector builds the client commands' {@code AttachmentsApi}
     * @return the tree, ready to execute
     */
    public static CommandLine commandLine(Terminal terminal, Connector connector) {
        return commandLine(terminal, connector, Environment.system());
    }

    /**
     * The full command tree.
     *
     * @param terminal    what the client commands ask questions on and draw progress bars to
     * @param connector   builds the client commands' {@code AttachmentsApi}
     * @param environment the variables the client commands read ({@code ASANA_ACCESS_TOKEN}, …)
     * @return the tree, ready to execute
     */
    public static CommandLine commandLine(Terminal terminal, Connector connector, Environment environment) {
        ExitCodes exitCodes = new ExitCodes();
        CommandLine root = new CommandLine(new AttacheCommand())
                .addSubcommand("serve", new ServeCommand())
                .addSubcommand("admin", admin(new AdminCommand()));
        ClientCommands.addTo(root, connector, terminal, environment);
        root.addSubcommand("completion", new CompletionCommand())
                .addSubcommand("version", new VersionCommand())
                .addSubcommand("help", new CommandLine.HelpCommand());
        for (String client : new String[] {"upload", "link", "ls", "get", "rm", "download", "export"}) {
            ExitCodes.document(root.getSubcommands().get(client), ExitCodes.clientDescriptions());
        }
        return root
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(exitCodes)
                .setExitCodeExceptionMapper(exitCodes);
    }

    private static CommandLine admin(AdminCommand command) {
        StorageOpener storage = command;
        CommandLine admin = new CommandLine(command)
                .addSubcommand(new WorkspaceCommands(storage))
                .addSubcommand(new UserCommands(storage))
                .addSubcommand(new MemberCommands(storage))
                .addSubcommand(new TokenCommands(storage))
                .addSubcommand(new AppCommands(storage))
                .addSubcommand(new TaskCommands(storage))
                .addSubcommand(new ProjectCommands(storage))
                .addSubcommand(new BriefCommands(storage))
                .addSubcommand(new GcCommand(storage))
                .addSubcommand(new ScrubCommand(storage))
                .addSubcommand(new MigrateCommand(command));
        ExitCodes.document(admin);
        return admin;
    }
}
