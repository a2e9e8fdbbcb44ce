package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.ProgressListener;
import dev.attache.client.ResourceSubtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attache download}: downloads attachments by gid. Like curl, {@code -o FILE} names the file
 * and {@code -o -} writes to standard output; {@code --dir DIR} (or {@code -o DIR/} naming an
 * existing directory) keeps the server's file names. Every gid gets its own outcome.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Downloads attachments: into a directory under their own names, or one of them into a file.",
                "-o FILE writes one attachment to FILE, -o - to standard output. --dir DIR, or -o DIR/ naming an "
                + "existing directory, writes each under its server name made safe for the file system (default: "
                + "the current directory). A <name>.part file left by an interrupted run is continued, not restarted. "
                + "An identical existing file is skipped; a different one is kept unless --force. Each gid gets one "
                + "line as it finishes; one that fails does not stop the others."},
        footer = {"", "Example:", "  attache download 1205000000000042 -o report.pdf",
                "  attache download 1205000000000042 -o - | less",
                "  attache download 1205000000000042 1205000000000043 --dir ~/Downloads --force --quiet"})
final class DownloadCommand implements Callable<Integer> {

    @Mixin
    private final ServerAccess server;

    @Mixin
    private @Nullable OutputFormat format;

    @Mixin
    private @Nullable QuietOption quiet;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "With one gid: the file to write, or - for standard output. A path ending in / names "
                    + "an existing directory, as --dir does.")
    private @Nullable String output;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Directory to write into under the server's names, created if missing (default: the "
                    + "current directory).")
    private @Nullable Path dir;

    @Option(names = "--force", description = "Replace existing files that differ.")
    private boolean force;

    @Parameters(paramLabel = "GID", arity = "1..*", converter = GidConverters.Attachments.class,
            description = "Attachments to download.")
    private List<AttachmentGid> gids = List.of();

    DownloadCommand(ClientContext context) {
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        OutputFormat.Mode mode = format.mode();
        Target target = target();
        try (Session session = server.open(quiet.quiet)) {
            AttachmentsApi api = session.api();
            if (target instanceof Target.StandardOutput) {
                return session.explained(() -> toStandardOutput(session));
            }
            Lookups lookups = Lookups.of(gids, g -> api.getAttachment(g, FileFetcher.FIELDS));
            List<Attachment> found = lookups.found();
            // Two attachments of the same name must not write the same file at the same time.
            Map<AttachmentGid, String> names = LocalNames.distinct(found);
            long bytes = found.stream().mapToLong(a -> a.size() == null ? 0 : a.size()).sum();
            ItemReport report;
            try (Batch batch = Batch.start(session, mode, "gid", quiet.quiet, found.size(), bytes,
                    new Batch.Interrupted("downloaded",
                            "run the same command again to fetch the rest (it continues .part files)."))) {
                report = batch.report();
                lookups.reportFailures(report);
                FileFetcher fetcher = new FileFetcher(api, batch.progress());
                FileFetcher.Existing existing = force ? FileFetcher.Existing.REPLACE
                        : FileFetcher.Existing.KEEP_IDENTICAL_REFUSE_DIFFERENT;
                List<CompletableFuture<?>> fetches = new ArrayList<>();
                for (Attachment a : found) {
                    fetches.add(fetch(fetcher, a, target, names.get(a.gid()), existing)
                            .whenComplete((f, t) -> outcome(report, a, f, t)));
                }
                Outcomes.settle(fetches);
            }
            return report.finish();
        }
    }

    private static void outcome(ItemReport report, Attachment a, @Nullable Fetched fetched, @Nullable Throwable failure) {
        if (failure != null) {
            report.failed(a.gid().value(), failure);
            return;
        }
        ObjectNode json = ItemReport.object().put("gid", a.gid().value()).put("file", fetched.file().toString())
                .put("result", fetched.how().name().toLowerCase(Locale.ROOT));
        report.succeeded(fetched.describe(), json, a.gid().value());
    }

    private CompletableFuture<Fetched> fetch(FileFetcher fetcher, Attachment a, Target target, String name,
            FileFetcher.Existing existing) {
        try {
            Path file = target instanceof Target.File f ? f.path() : ((Target.Directory) target).path().resolve(name);
            if (target instanceof Target.Directory d) {
                createDirectories(d.path());
            }
            return fetcher.fetch(a, file, existing);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private int toStandardOutput(Session session) {
        AttachmentsApi api = session.api();
        OutputStream stdout = session.terminal().standardOutput();
        Attachment a = Outcomes.await(api.getAttachment(gids.get(0), FileFetcher.FIELDS));
        if (a.resourceSubtype() != null && !ResourceSubtype.ASANA.equals(a.resourceSubtype())) {
            throw new IllegalStateException("attachment " + a.gid() + " is a link (" + a.resourceSubtype()
                    + "), not a file; there is nothing to download");
        }
        Outcomes.await(api.download(a.gid(), stdout, ProgressListener.none()));
        try {
            stdout.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** Where the bytes go, by curl's rules. */
    private sealed interface Target {
        record StandardOutput() implements Target {
        }

        record File(Path path) implements Target {
        }

        record Directory(Path path) implements Target {
        }
    }

    private Target target() {
        if (output != null && dir != null) {
            throw server.usage("-o and --dir exclude each other: -o names a file, --dir a directory");
        }
        if (output == null) {
            return new Target.Directory(dir == null ? Path.of(".") : dir);
        }
        boolean namesDirectory = output.endsWith("/") || Files.isDirectory(Path.of(output));
        if (namesDirectory) {
            if (!Files.isDirectory(Path.of(output))) {
                throw server.usage("-o " + output + " names a directory that does not exist; create it, or use --dir "
                        + output + " to have it created");
            }
            return new Target.Directory(Path.of(output));
        }
        if (gids.stream().distinct().count() > 1) {
            throw server.usage("-o " + output + " names one file but " + gids.size() + " gids were given; use --dir DIR");
        }
        return output.equals("-") ? new Target.StandardOutput() : new Target.File(Path.of(output));
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
