package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

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
                + "Same names get the gid added: 'report (1205000000000043).pdf'. Links have no bytes and are skipped."},
        footer = {"", "Example:", "  attache export --parent 1204000000000001 --dir ./task-files"})
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
            session.explained(() -> DownloadCommand.createDirectories(dir));
            Map<AttachmentGid, String> names = LocalNames.distinct(files);
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
            session.explained(() -> new Manifest(parent, done.stream().map(ExportCommand::entry).toList()).writeTo(dir));
            report(session.out(), done);
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

    private void report(PrintWriter out, List<Fetched> done) {
        long fetched = done.stream().filter(f -> f.how() != Fetched.How.ALREADY_THERE).count();
        out.println("Exported " + done.size() + " files to " + dir + " (" + fetched + " fetched, "
                + (done.size() - fetched) + " already there); manifest in " + dir.resolve(Manifest.FILE_NAME));
        out.flush();
    }
}
