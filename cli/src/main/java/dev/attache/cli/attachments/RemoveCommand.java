package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attache rm}: deletes attachments. Deleting more than one asks first, since a shell glob or
 * a pasted list can name more than meant.
 */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Deletes attachments and their bytes.",
                "With more than one GID it asks for confirmation on standard input, unless --yes; without a "
                + "terminal and without --yes it refuses (exit code 2)."},
        footer = {"", "Example:", "  attache rm 1205000000000042",
                "  attache ls --parent 1204000000000001 --json | jq -r .gid | xargs attache rm --yes"})
final class RemoveCommand implements Callable<Integer> {

    private final Connector connector;
    private final Terminal terminal;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connection;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    private boolean yes;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to delete.")
    private List<AttachmentGid> gids = List.of();

    RemoveCommand(Connector connector, Terminal terminal) {
        this.connector = connector;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (gids.size() > 1 && !yes && !confirmed()) {
            spec.commandLine().getErr().println("attache: nothing deleted.");
            spec.commandLine().getErr().flush();
            return 1;
        }
        AttachmentsApi api = connector.open(connection.connection());
        List<CompletableFuture<Void>> deletes = gids.stream().map(api::deleteAttachment).toList();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Outcomes.awaitAll(deletes, gids.stream().map(AttachmentGid::value).toList(), spec.commandLine().getErr());
        } finally {
            for (int i = 0; i < gids.size(); i++) {
                if (!deletes.get(i).isCompletedExceptionally()) {
                    out.println("Deleted " + gids.get(i));
                }
            }
            out.flush();
        }
        return 0;
    }

    private boolean confirmed() {
        if (!terminal.stdinIsTerminal()) {
            throw new UsageException("Refusing to delete " + gids.size()
                    + " attachments without --yes: standard input is not a terminal to ask on.");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.print("Delete " + gids.size() + " attachments? [y/N] ");
        err.flush();
        String answer = terminal.readLine().orElse("").strip().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }
}
