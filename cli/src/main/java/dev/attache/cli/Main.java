package dev.attache.cli;

import java.util.Set;
import java.util.function.Predicate;

import dev.attache.cli.attachments.ClientCommands;
import dev.attache.cli.attachments.Connector;
import dev.attache.cli.attachments.Environment;
import dev.attache.cli.attachments.Terminal;
import picocli.CommandLine;

/** The {@code attache} executable: builds the command tree and runs it. */
public final class Main {

    /** The subcommands that need no other subcommand built to run, print their help or report their errors. */
    private static final Set<String> STANDALONE = Set.of("serve", "admin", "upload", "link", "ls", "get", "rm", "download",
            "export", "login", "logout", "version");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(Terminal.system(), Connector.http(), Environment.system(), builtFor(args)).execute(args));
    }

    /**
     * Which subcommands a run needs built: only the one it names first, when that one stands alone; the
     * whole tree otherwise ({@code help} and {@code completion} read the others, options before a
     * subcommand belong to the root). Building every command's model from its annotations was the largest
     * part of a short command's start (docs/benchmarks-history.md, start-up); a tree with one subcommand parses, helps and
     * fails exactly as the whole tree does for that subcommand.
     */
    static Predicate<String> builtFor(String[] args) {
        if (args.length == 0 || !STANDALONE.contains(args[0])) {
            return name -> true;
        }
        return args[0]::equals;
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
        return commandLine(terminal, connector, environment, name -> true);
    }

    /** The tree with only the subcommands {@code built} accepts, in the whole tree's order. */
    static CommandLine commandLine(Terminal terminal, Connector connector, Environment environment, Predicate<String> built) {
        ExitCodes exitCodes = new ExitCodes();
        CommandLine root = new CommandLine(new AttacheCommand());
        if (built.test("serve")) {
            root.addSubcommand("serve", new ServeCommand());
        }
        if (built.test("admin")) {
            root.addSubcommand("admin", admin(new AdminCommand()));
        }
        ClientCommands.addTo(root, connector, terminal, environment, built);
        if (built.test("completion")) {
            root.addSubcommand("completion", new CompletionCommand());
        }
        if (built.test("version")) {
            root.addSubcommand("version", new VersionCommand());
        }
        if (built.test("help")) {
            root.addSubcommand("help", new CommandLine.HelpCommand());
        }
        for (String client : new String[] {"upload", "link", "ls", "get", "rm", "download", "export"}) {
            CommandLine command = root.getSubcommands().get(client);
            if (command != null) {
                ExitCodes.document(command, ExitCodes.clientDescriptions());
            }
        }
        CommandLine login = root.getSubcommands().get("login");
        if (login != null) {
            ExitCodes.document(login, ExitCodes.loginDescriptions());
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
