package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import dev.attache.client.ResourceSubtype;
import dev.attache.server.signing.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code attache export}: copies every file attached to a parent into a directory, with a
 * manifest. The directory belongs to the export: a re-run keeps finished files, continues
 * {@code .part} files, and fetches the rest.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Downloads every file of a task, project or project brief into DIR, with a manifest.",
                "Files are fetched several at a time; DIR/manifest.json lists gid, name, file, size, sha256 and "
                + "created_at of each. Run it again after an "
                + "interruption: finished files are kept, partial ones continued, only the rest is fetched. "
                + "Same names get the gid added: 'report (1205000000000043).pdf'. Links have no bytes and are skipped. "
                + "Files an earlier export wrote for attachments since deleted on the server are reported, and "
                + "removed with --delete; a file the export did not write, or one changed since, is never removed."},
        footer = {"", "Example:", "  attache export --parent 1204000000000001 --dir ./task-files",
                "  attache export --parent 1204000000000001 --dir ./task-files --delete --dry-run"})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    private final ServerAccess server;

    @Mixin
    private @Nullable QuietOption quiet;

    @Option(names = "--parent", required = true, paramLabel = "GID", converter = GidConverters.Parents.class,
            description = "The task, project or project brief.")
    private @Nullable ParentGid parent;

    @Option(names = {"--dir", "--to"}, required = true, paramLabel = "DIR",
            description = "Directory to export into; created if missing (--to is the older name).")
    private @Nullable Path dir;

    @Option(names = "--delete",
            description = "Remove the files an earlier export wrote for attachments no longer on the server.")
    private boolean delete;

    @Option(names = "--dry-run",
            description = "Say what would be fetched, kept and removed; write nothing.")
    private boolean dryRun;

    ExportCommand(ClientContext context) {
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        try (Session session = server.open(quiet.quiet)) {
            AttachmentsApi api = session.api();
            List<Attachment> files = new ArrayList<>();
            PrintWriter err = session.err();
            session.explained(() -> Outcomes.await(api.forEach(parent,
                    PageRequest.limit(100).withFields(FileFetcher.FIELDS), a -> {
                        if (a.resourceSubtype() == null || ResourceSubtype.ASANA.equals(a.resourceSubtype())) {
                            files.add(a);
                        } else {
                            err.println("attache: skipping " + a.gid() + " (" + a.name() + "): a link has no bytes to export");
                        }
                    })));
            Map<AttachmentGid, String> names = LocalNames.distinct(files);
            StaleFiles stale = StaleFiles.find(earlierManifest(err), files.stream().map(a -> a.gid().value())
                    .collect(Collectors.toSet()), Set.copyOf(names.values()), dir);
            if (dryRun) {
                ItemReport report = session.report(OutputFormat.Mode.TEXT, "gid");
                List<Fetched> would = files.stream().map(a -> wouldFetch(a, dir.resolve(names.get(a.gid())))).toList();
                would.forEach(f -> report.succeeded("Would " + plan(f), ItemReport.object(), null));
                List<Manifest.Entry> kept = handle(stale, report);
                summary(session.out(), would, kept, true);
                return report.finishDryRun();
            }
            session.explained(() -> DownloadCommand.createDirectories(dir));
            List<CompletableFuture<Fetched>> fetches = new ArrayList<>();
            long total = files.stream().mapToLong(a -> a.size() == null ? 0 : a.size()).sum();
            ItemReport report;
            try (Batch batch = Batch.start(session, OutputFormat.Mode.TEXT, "gid", quiet.quiet, files.size(), total,
                    new Batch.Interrupted("downloaded",
                            "run the same export again to fetch the rest (it continues .part files)."))) {
                report = batch.report();
                FileFetcher fetcher = new FileFetcher(api, batch.progress());
                for (Attachment a : files) {
                    fetches.add(fetcher.fetch(a, dir.resolve(names.get(a.gid())),
                            FileFetcher.Existing.KEEP_SAME_SIZE_REPLACE_OTHERS).whenComplete((f, t) -> {
                                if (t != null) {
                                    report.failed(a.gid().value(), t);
                                } else {
                                    report.succeeded(f.describe(), ItemReport.object(), a.gid().value());
                                }
                            }));
                }
                Outcomes.settle(fetches);
            }
            List<Fetched> done = fetches.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join).toList();
            List<Manifest.Entry> kept = handle(stale, report);
            List<Manifest.Entry> entries = new ArrayList<>(done.stream().map(ExportCommand::entry).toList());
            entries.addAll(kept);
            session.explained(() -> new Manifest(parent, entries).writeTo(dir));
            summary(session.out(), done, kept, false);
            return report.finish();
        }
    }

    /**
     * The manifest of an earlier export of this parent into the directory, or an empty one: no file
     * counts as the export's own unless a readable manifest of the same parent lists it.
     */
    private Manifest earlierManifest(PrintWriter err) {
        Manifest none = new Manifest(parent, List.of());
        try {
            Manifest earlier = Manifest.readFrom(dir).orElse(none);
            if (!earlier.parent().equals(parent)) {
                err.println("attache: " + dir.resolve(Manifest.FILE_NAME) + " is of parent " + earlier.parent().value()
                        + ", not " + parent.value() + "; the files it lists are left alone.");
                return none;
            }
            return earlier;
        } catch (UncheckedIOException e) {
            err.println("attache: " + dir.resolve(Manifest.FILE_NAME) + " cannot be read (" + e.getCause().getMessage()
                    + "); no file in " + dir + " is taken for one the export wrote.");
            return none;
        }
    }

    /**
     * Says what happens to each stale file: removed with {@code --delete} (or would be, in a dry
     * run), else kept and reported.
     *
     * @return the entries whose files stay, for the new manifest
     */
    private List<Manifest.Entry> handle(StaleFiles stale, ItemReport report) {
        List<Manifest.Entry> kept = new ArrayList<>();
        for (Manifest.Entry e : stale.changed()) {
            report.succeeded("Kept " + dir.resolve(e.file()) + ": " + e.gid() + " is no longer on the server, "
                    + "but the file changed since the export wrote it", ItemReport.object(), null);
        }
        for (Manifest.Entry e : stale.unchanged()) {
            Path file = dir.resolve(e.file());
            String gone = ": " + e.gid() + " is no longer on the server";
            if (!delete) {
                kept.add(e);
                report.succeeded("Stale " + file + gone + " (kept; --delete removes it)", ItemReport.object(), null);
            } else if (dryRun) {
                report.succeeded("Would remove " + file + gone, ItemReport.object(), null);
            } else {
                try {
                    Files.delete(file);
                    report.succeeded("Removed " + file + gone, ItemReport.object(), null);
                } catch (IOException ex) {
                    kept.add(e);
                    report.failed(file.toString(), new UncheckedIOException(ex));
                }
            }
        }
        return kept;
    }

    /** What fetching {@code a} into {@code target} would do, decided as the fetch decides it. */
    private static Fetched wouldFetch(Attachment a, Path target) {
        long size = a.size() == null ? -1 : a.size();
        if (Files.isRegularFile(target)) {
            return new Fetched(a, target, size(target) == size ? Fetched.How.ALREADY_THERE : Fetched.How.DOWNLOADED);
        }
        return new Fetched(a, target, Files.isRegularFile(FileFetcher.part(target)) ? Fetched.How.RESUMED
                : Fetched.How.DOWNLOADED);
    }

    private static String plan(Fetched f) {
        return switch (f.how()) {
            case DOWNLOADED -> "download " + f.attachment().gid() + " to " + f.file();
            case RESUMED -> "resume " + f.attachment().gid() + " into " + f.file();
            case ALREADY_THERE -> "skip " + f.attachment().gid() + ": " + f.file() + " already holds it";
        };
    }

    private static Manifest.Entry entry(Fetched f) {
        Attachment a = f.attachment();
        return new Manifest.Entry(a.gid().value(), a.name() == null ? "" : a.name(), f.file().getFileName().toString(),
                size(f.file()), Sha256.of(f.file()), a.createdAt() == null ? null : AttachmentJson.time(a.createdAt()));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void summary(PrintWriter out, List<Fetched> done, List<Manifest.Entry> kept, boolean dry) {
        long fetched = done.stream().filter(f -> f.how() != Fetched.How.ALREADY_THERE).count();
        String staleKept = kept.isEmpty() ? ""
                : "; " + kept.size() + " no longer on the server kept (--delete removes them)";
        if (dry) {
            out.println("Would export " + done.size() + " files to " + dir + " (" + fetched + " to fetch, "
                    + (done.size() - fetched) + " already there)" + staleKept);
        } else {
            out.println("Exported " + done.size() + " files to " + dir + " (" + fetched + " fetched, "
                    + (done.size() - fetched) + " already there)" + staleKept + "; manifest in "
                    + dir.resolve(Manifest.FILE_NAME));
        }
        out.flush();
    }
}
