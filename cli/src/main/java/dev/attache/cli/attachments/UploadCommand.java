package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attache upload}: uploads files to a task, project or project brief, several at once. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Uploads files to a task, project or project brief.",
                "Several files go at a time within the API's limits, with a progress bar per file and in total "
                + "when standard error is a terminal."},
        footer = {"", "Example:", "  attache upload --parent 1204000000000001 plan.pdf photos/*.jpg",
                "  attache upload --parent 1204000000000001 --json --content-type text/csv data.csv"})
final class UploadCommand implements Callable<Integer> {

    private final Connector connector;
    private final Terminal terminal;

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connection;

    @Option(names = "--parent", required = true, paramLabel = "GID", converter = GidConverters.Parents.class,
            description = "The task, project or project brief to attach to.")
    private @Nullable ParentGid parent;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Content type of every file (default: guessed from each name).")
    private @Nullable String contentType;

    @Option(names = "--json", description = "Print each created attachment as one JSON object per line.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bars.")
    private boolean quiet;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to upload.")
    private List<Path> files = List.of();

    UploadCommand(Connector connector, Terminal terminal) {
        this.connector = connector;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        long total = checkedTotalSize();
        AttachmentsApi api = connector.open(connection.connection());
        List<Attachment> created;
        try (Progress progress = Progress.of(terminal, quiet, total)) {
            List<CompletableFuture<Attachment>> uploads = new ArrayList<>();
            for (Path file : files) {
                uploads.add(upload(api, file, progress));
            }
            created = Outcomes.awaitAll(uploads, files.stream().map(Path::toString).toList(),
                    spec.commandLine().getErr());
        }
        print(created);
        return 0;
    }

    private CompletableFuture<Attachment> upload(AttachmentsApi api, Path file, Progress progress) {
        Progress.FileProgress bar = progress.file(file.getFileName().toString(), size(file));
        Upload upload = contentType == null ? Upload.file(file) : Upload.file(file, contentType);
        return api.createAttachmentForObject(parent, upload.withProgress(bar)).whenComplete((a, t) -> bar.close());
    }

    private long checkedTotalSize() {
        long total = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("Not a file: " + file);
            }
            total += size(file);
        }
        return total;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void print(List<Attachment> created) {
        PrintWriter out = spec.commandLine().getOut();
        AttachmentJson lines = new AttachmentJson();
        for (int i = 0; i < created.size(); i++) {
            Attachment a = created.get(i);
            out.println(json ? lines.line(a) : "Uploaded " + files.get(i) + " as " + a.gid() + " (" + a.name() + ")");
        }
        out.flush();
    }
}
