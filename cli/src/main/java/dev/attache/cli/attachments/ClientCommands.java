package dev.attache.cli.attachments;

import picocli.CommandLine;

/** Adds the client commands to the {@code attache} command tree. */
public final class ClientCommands {

    private ClientCommands() {
    }

    /**
     * Adds {@code upload}, {@code link}, {@code ls}, {@code get}, {@code rm}, {@code download} and
     * {@code export} to {@code root}.
     *
     * @param root        the {@code attache} command
     * @param connector   builds each command's client once its options are parsed
     * @param terminal    the process's terminal, for confirmations and progress bars
     * @param environment the environment variables that stand in for connection options
     * @return {@code root}
     */
    public static CommandLine addTo(CommandLine root, Connector connector, Terminal terminal, Environment environment) {
        ClientContext context = new ClientContext(connector, terminal, environment);
        return root
                .addSubcommand("upload", new UploadCommand(context))
                .addSubcommand("link", new LinkCommand(context))
                .addSubcommand("ls", new ListCommand(context))
                .addSubcommand("get", new GetCommand(context))
                .addSubcommand("rm", new RemoveCommand(context))
                .addSubcommand("download", new DownloadCommand(context))
                .addSubcommand("export", new ExportCommand(context));
    }
}
