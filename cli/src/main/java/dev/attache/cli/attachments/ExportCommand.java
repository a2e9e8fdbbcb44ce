package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.CallListener;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import dev.attache.client.ResourceSubtype;
import dev.attache.server.signing.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
                + "Same names get the gid added: 'report (1205000000000043).pdf'. Links have no bytes and are skipped."},
        footer = {"", "Example:", "  attache export --parent 1204000000000001 --dir ./task-files"})
final class ExportCommand implements Callable<Integer> {

    private final ClientContext context;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connectionOptions;

    @Mixin
    private @Nullable QuietOption quiet;

    @Option(names = "--parent", required = true, paramLabel = "GID", converter = GidConverters.Parents.class,
            description = "The task, project or project brief.")
    private @Nullable ParentGid parent;

    @Option(names = {"--dir", "--to"}, required = true, paramLabel = "DIR",
            description = "Directory to export into; created if missing (--to is the older name).")
    private @Nullable Path dir;

    ExportCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Connection connection = context.connection(connectionOptions);
        RetryNotice retries = new RetryNotice(spec.commandLine().getErr());
        try (AttachmentsApi api = context.api(connection, quiet.quiet ? CallListener.none() : retries)) {
            List<Attachment> files = new ArrayList<>();
            PrintWriter err = spec.commandLine().getErr();
            ClientContext.explained(connection, () -> Outcomes.await(api.forEach(parent,
                    PageRequest.limit(100).withFields(FileFetcher.FIELDS), a -> {
                        if (a.resourceSubtype() == null || ResourceSubtype.ASANA.equals(a.resourceSubtype())) {
                            files.add(a);
                        } else {
                            err.println("attache: skipping " + a.gid() + " (" + a.name() + "): a link has no bytes to export");
                        }
                    })));
            ClientContext.explained(connection, () -> {
                DownloadCommand.createDirectories(dir);
                return dir;
            });
            Map<AttachmentGid, String> names = LocalNames.distinct(files);
            List<CompletableFuture<Fetched>> fetches = new ArrayList<>();
            long total = files.stream().mapToLong(a -> a.size() == null ? 0 : a.size()).sum();
            ItemReport report;
            AtomicReference<ItemReport> shown = new AtomicReference<>();
            try (Progress progress = Progress.of(context.terminal(), quiet.quiet, files.size(), total);
                    Interruption interruption = Interruption.watch(() -> {
                        progress.stop();
                        ItemReport r = shown.get();
                        if (r != null) {
                            r.interrupted(progress.tally().describe("downloaded"),
                                    "run the same export again to fetch the rest (it continues .part files).");
                        }
                    })) {
                retries.above(progress);
                report = new ItemReport(spec.commandLine().getOut(), err, OutputFormat.Mode.TEXT, progress, connection,
                        connectionOptions.verbose, "gid");
                shown.set(report);
                FileFetcher fetcher = new FileFetcher(api, progress);
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
                CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
            }
            List<Fetched> done = fetches.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join).toList();
            ClientContext.explained(connection, () -> {
                new Manifest(parent, done.stream().map(ExportCommand::entry).toList()).writeTo(dir);
                return dir;
            });
            report(done);
            return report.finish();
        }
    }

    private static Manifest.Entry entry(Fetched f) {
        Attachment a = f.attachment();
        return new Manifest.Entry(a.gid().value(), a.name() == null ? "" : a.name(), f.file().getFileName().toString(),
                size(f.file()), Sha256.of(f.file()), a.createdAt() == null ? null : AttachmentJson.time(a.createdAt()));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void report(List<Fetched> done) {
        long fetched = done.stream().filter(f -> f.how() != Fetched.How.ALREADY_THERE).count();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Exported " + done.size() + " files to " + dir + " (" + fetched + " fetched, "
                + (done.size() - fetched) + " already there); manifest in " + dir.resolve(Manifest.FILE_NAME));
        out.flush();
    }
}
