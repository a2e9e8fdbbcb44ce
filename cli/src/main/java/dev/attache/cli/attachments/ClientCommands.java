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
     * @param root      the {@code attache} command
     * @param connector builds each command's client once its options are parsed
     * @param terminal  the process's terminal, for confirmations and progress bars
     * @return {@code root}
     */
    public static CommandLine addTo(CommandLine root, Connector connector, Terminal terminal) {
        return root
                .addSubcommand("upload", new UploadCommand(connector, terminal))
                .addSubcommand("link", new LinkCommand(connector))
                .addSubcommand("ls", new ListCommand(connector))
                .addSubcommand("get", new GetCommand(connector))
                .addSubcommand("rm", new RemoveCommand(connector, terminal))
                .addSubcommand("download", new DownloadCommand(connector, terminal))
                .addSubcommand("export", new ExportCommand(connector, terminal));
    }
}
