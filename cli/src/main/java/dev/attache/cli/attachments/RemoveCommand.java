package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.Field;
import dev.attache.client.Fields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attache rm}: deletes attachments. It asks first, naming what it would delete, since a
 * shell glob or a pasted gid can name something other than meant; {@code --yes} does not ask.
 */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Deletes attachments and their bytes.",
                "Asks on the terminal first, naming the attachments, unless --yes; without a terminal and without "
                + "--yes it refuses (exit code 2). Each gid gets one line; one that fails does not stop the others. "
                + "--dry-run looks the attachments up and says what would be deleted, without asking or deleting."},
        footer = {"", "Example:", "  attache rm 1205000000000042",
                "  attache ls --parent 1204000000000001 --ids | xargs attache rm --yes"})
final class RemoveCommand implements Callable<Integer> {

    /** How many names a confirmation lists before "and N more". */
    private static final int NAMES_SHOWN = 5;

    @Mixin
    private final ServerAccess server;

    @Mixin
    private @Nullable OutputFormat format;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    private boolean yes;

    @Option(names = "--dry-run", description = "Say what would be deleted (\"Would delete GID (NAME)\"); delete nothing.")
    private boolean dryRun;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to delete.")
    private List<AttachmentGid> gids = List.of();

    RemoveCommand(ClientContext context) {
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        OutputFormat.Mode mode = format.mode();
        if (!yes && !dryRun && !server.terminal().stdinIsTerminal()) {
            throw new CommandFailedException(Failures.explain(new UsageException("Refusing to delete "
                    + count(gids.stream().distinct().count()) + " without --yes: standard input is not a terminal "
                    + "to ask on."), null));
        }
        try (Session session = server.open()) {
            ItemReport report = session.report(mode, "gid");
            Lookups lookups = Lookups.of(gids, g -> session.api().getAttachment(g, Fields.of(Field.NAME)));
            lookups.reportFailures(report);
            List<Attachment> found = lookups.found();
            if (dryRun) {
                found.forEach(a -> report.succeeded("Would delete " + a.gid() + " (" + a.name() + ")",
                        json(a).put("deleted", false).put("dry_run", true), a.gid().value()));
                return report.finishDryRun();
            }
            if (!found.isEmpty() && !yes && !confirmed(session, found)) {
                session.err().println("attache: nothing deleted.");
                session.err().flush();
                return 1;
            }
            List<CompletableFuture<?>> deletes = new ArrayList<>();
            for (Attachment a : found) {
                deletes.add(session.api().deleteAttachment(a.gid()).whenComplete((v, t) -> {
                    if (t != null) {
                        report.failed(a.gid().value(), t);
                    } else {
                        report.succeeded("Deleted " + a.gid() + " (" + a.name() + ")",
                                json(a).put("deleted", true),
                                a.gid().value());
                    }
                }));
            }
            Outcomes.settle(deletes);
            return report.finish();
        }
    }

    private static ObjectNode json(Attachment a) {
        return ItemReport.object().put("gid", a.gid().value()).put("name", a.name());
    }

    private static boolean confirmed(Session session, List<Attachment> found) {
        PrintWriter err = session.err();
        err.print(question(found) + " [y/N] ");
        err.flush();
        String answer = session.terminal().readLine().orElse("").strip().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    /** {@code Delete a.txt (1205…)?}, or the first few names and "and N more". */
    static String question(List<Attachment> found) {
        String names = found.stream().limit(NAMES_SHOWN).map(a -> a.name() + " (" + a.gid() + ")")
                .collect(Collectors.joining(", "));
        String more = found.size() > NAMES_SHOWN ? " and " + (found.size() - NAMES_SHOWN) + " more" : "";
        return found.size() == 1 ? "Delete " + names + "?" : "Delete " + found.size() + " attachments: " + names + more + "?";
    }

    private static String count(long n) {
        return n == 1 ? "1 attachment" : n + " attachments";
    }
}
