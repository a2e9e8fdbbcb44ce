package dev.attache.cli.attachments;

import java.util.function.Predicate;
import java.util.function.Supplier;

import picocli.CommandLine;

/** Adds the client commands to the {@code attache} command tree. */
public final class ClientCommands {

    private ClientCommands() {
    }

    /**
     * Adds {@code upload}, {@code link}, {@code ls}, {@code get}, {@code rm}, {@code download},
     * {@code export}, {@code login} and {@code logout} to {@code root}.
     *
     * @param root        the {@code attache} command
     * @param connector   builds each command's client once its options are parsed
     * @param terminal    the process's terminal, for confirmations and progress bars
     * @param environment the environment variables that stand in for connection options
     * @return {@code root}
     */
    public static CommandLine addTo(CommandLine root, Connector connector, Terminal terminal, Environment environment) {
        return addTo(root, connector, terminal, environment, name -> true);
    }

    /**
     * Adds those of the client commands that {@code built} accepts, in the same order.
     *
     * @param built which commands, by name, to build and add
     * @return {@code root}
     */
    public static CommandLine addTo(CommandLine root, Connector connector, Terminal terminal, Environment environment,
                                    Predicate<String> built) {
        ClientContext context = new ClientContext(connector, terminal, environment);
        add(root, built, "upload", () -> new UploadCommand(context));
        add(root, built, "link", () -> new LinkCommand(context));
        add(root, built, "ls", () -> new ListCommand(context));
        add(root, built, "get", () -> new GetCommand(context));
        add(root, built, "rm", () -> new RemoveCommand(context));
        add(root, built, "download", () -> new DownloadCommand(context));
        add(root, built, "export", () -> new ExportCommand(context));
        add(root, built, "login", () -> new LoginCommand(context));
        add(root, built, "logout", () -> new LogoutCommand(context));
        return root;
    }

    private static void add(CommandLine root, Predicate<String> built, String name, Supplier<Object> command) {
        if (built.test(name)) {
            root.addSubcommand(name, command.get());
        }
    }
}
