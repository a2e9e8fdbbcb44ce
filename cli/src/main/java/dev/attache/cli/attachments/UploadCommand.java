package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.Attachment;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.Field;
import dev.attache.client.Fields;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import dev.attache.client.ProgressListener;
import dev.attache.client.Upload;
import dev.attache.server.signing.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attache upload}: uploads files to a task, project or project brief, several at once. Every
 * file gets its own outcome; a file that cannot be sent is refused before any byte goes out.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Uploads files to a task, project or project brief.",
                "Several files go at a time within the API's limits, with a progress line per file and in total "
                + "when standard error is a terminal. Each file gets one line as it finishes: 'Uploaded FILE as GID', "
                + "'Skipped FILE (already GID)' or 'FAILED FILE: reason'. Missing files, directories, unreadable "
                + "files and files over 100 MB are refused before anything is sent; the others still upload."},
        footer = {"", "Example:", "  attache upload --parent 1204000000000001 plan.pdf photos/*.jpg",
                "  attache upload --parent 1204000000000001 --skip-existing photos/*.jpg  # again after a failure",
                "  attache upload --parent 1204000000000001 --json --content-type text/csv data.csv"})
final class UploadCommand implements Callable<Integer> {

    /** The API's limit: the server refuses the 104,857,601st byte. */
    static final long MAX_BYTES = 100L * 1024 * 1024;
    /** Up to this size an existing attachment's bytes are compared, not only its name and size. */
    private static final long COMPARE_CONTENT_UP_TO = 8L * 1024 * 1024;

    /** How long an interrupted batch waits for the answers to files whose bytes were all sent. */
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(3);

    @Mixin
    private final ServerAccess server;

    @Mixin
    private @Nullable OutputFormat format;

    @Mixin
    private @Nullable QuietOption quiet;

    @Option(names = "--parent", required = true, paramLabel = "GID", converter = GidConverters.Parents.class,
            description = "The task, project or project brief to attach to.")
    private @Nullable ParentGid parent;

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "Content type of every file (default: guessed from each name).")
    private @Nullable String contentType;

    @Option(names = "--skip-existing",
            description = "Skip a file when the parent already has an attachment of the same name and size "
                    + "(and, up to 8 MiB, the same bytes).")
    private boolean skipExisting;

    @Option(names = {"-r", "--recursive"},
            description = "Upload every file below each directory given, named by its path below that directory "
                    + "with \u2215 (U+2215, as the API drops what comes before a /) between the parts: sub\u2215a.txt.")
    private boolean recursive;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The attachment's name for standard input (FILE -); required with it.")
    private @Nullable String name;

    @Option(names = "--dry-run",
            description = "Say what would be uploaded or skipped, and check the parent, without sending a file.")
    private boolean dryRun;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Files to upload; with -r also directories; - reads standard input (with --name).")
    private List<Path> files = List.of();

    UploadCommand(ClientContext context) {
        this.server = new ServerAccess(context);
    }

    @Override
    public Integer call() {
        OutputFormat.Mode mode = format.mode();
        checkStandardInput();
        List<UploadSource> sources = UploadSource.of(files, recursive, name);
        try (Session session = server.open(quiet.quiet)) {
            AttachmentsApi api = session.api();
            List<Attachment> existing = skipExisting ? session.explained(() -> existing(api)) : List.of();
            List<Plan> plans = sources.stream().map(f -> session.explained(() -> plan(api, f, existing))).toList();
            List<UploadSource> toSend = plans.stream().filter(p -> p instanceof Plan.Send)
                    .map(p -> ((Plan.Send) p).source()).toList();
            if (!toSend.isEmpty() && !skipExisting) {
                // One small request before any file's bytes: a mistyped --parent fails here, not after the batch is sent.
                session.explained(() -> Outcomes.await(api.getAttachmentsForObject(parent, PageRequest.limit(1))));
            }
            if (dryRun) {
                ItemReport report = session.report(mode, "file");
                plans.forEach(plan -> dryRun(report, plan));
                return report.finishDryRun();
            }
            long bytes = toSend.stream().mapToLong(s -> Math.max(0, size(s))).sum();
            ItemReport report;
            List<Sending> uploads = new CopyOnWriteArrayList<>();
            String resume = sources.stream().anyMatch(s -> s instanceof UploadSource.StandardInput)
                    ? "standard input cannot be sent again; run the command again with all of it."
                    : "run the same command again with --skip-existing to upload the rest.";
            try (Batch batch = Batch.start(session, mode, "file", quiet.quiet, toSend.size(), bytes,
                    new Batch.Interrupted("uploaded", resume, () -> awaitSent(uploads)))) {
                report = batch.report();
                for (Plan plan : plans) {
                    if (plan instanceof Plan.Refuse refuse) {
                        report.failed(refuse.shown(), new LocalFileException(refuse.reason()));
                    } else if (plan instanceof Plan.Skip skip) {
                        report.succeeded("Skipped " + skip.shown() + " (already " + skip.existing().gid() + ")",
                                skipJson(skip), skip.existing().gid().value());
                    } else {
                        uploads.add(upload(api, ((Plan.Send) plan).source(), batch.progress(), report));
                    }
                }
                Outcomes.settle(uploads.stream().map(Sending::answer).toList());
            }
            return report.finish();
        }
    }

    /** {@code -} and {@code --name} go together, once, and not with what needs a size before reading. */
    private void checkStandardInput() {
        long dashes = files.stream().filter(UploadSource::isStandardInput).count();
        if (dashes > 1) {
            throw server.usage("- (standard input) can be given only once");
        }
        if (dashes == 1 && name == null) {
            throw server.usage("uploading standard input (-) needs --name NAME, the attachment's name");
        }
        if (dashes == 0 && name != null) {
            throw server.usage("--name names the upload from standard input (-); files are named after themselves");
        }
        if (dashes == 1 && skipExisting) {
            throw server.usage("--skip-existing cannot compare standard input (-), whose size is known only once read");
        }
    }

    /** What to do with one source, decided before anything is sent. */
    private sealed interface Plan {
        String shown();

        record Refuse(String shown, String reason) implements Plan {
        }

        record Skip(UploadSource.LocalFile source, Attachment existing) implements Plan {
            @Override
            public String shown() {
                return source.shown();
            }
        }

        record Send(UploadSource source) implements Plan {
            @Override
            public String shown() {
                return source.shown();
            }
        }
    }

    private Plan plan(AttachmentsApi api, UploadSource source, List<Attachment> existing) {
        if (source instanceof UploadSource.Refused refused) {
            return new Plan.Refuse(refused.shown(), refused.reason());
        }
        if (!(source instanceof UploadSource.LocalFile file)) {
            return new Plan.Send(source);
        }
        Optional<String> refused = refusal(file.file());
        if (refused.isPresent()) {
            return new Plan.Refuse(file.shown(), refused.get());
        }
        Optional<Attachment> same = skipExisting ? sameAs(api, file, existing) : Optional.empty();
        return same.<Plan>map(a -> new Plan.Skip(file, a)).orElseGet(() -> new Plan.Send(file));
    }

    private static void dryRun(ItemReport report, Plan plan) {
        if (plan instanceof Plan.Refuse refuse) {
            report.failed(refuse.shown(), new LocalFileException(refuse.reason()));
        } else if (plan instanceof Plan.Skip skip) {
            report.succeeded("Would skip " + skip.shown() + " (already " + skip.existing().gid() + ")",
                    skipJson(skip).put("dry_run", true), skip.existing().gid().value());
        } else {
            UploadSource source = ((Plan.Send) plan).source();
            String name = name(source);
            boolean ownName = source instanceof UploadSource.LocalFile f && name.equals(String.valueOf(f.file().getFileName()));
            ObjectNode json = ItemReport.object().put("file", jsonFile(source)).put("name", name).put("dry_run", true);
            report.succeeded("Would upload " + source.shown() + (ownName ? "" : " named " + name), json, null);
        }
    }

    private static ObjectNode skipJson(Plan.Skip skip) {
        return ItemReport.object().put("file", skip.shown()).put("gid", skip.existing().gid().value())
                .put("skipped", true);
    }

    /**
     * One file being uploaded.
     *
     * @param allSent whether its last byte went out, so its answer is a moment away
     * @param answer  the server's answer, once its result line has printed
     */
    private record Sending(AtomicBoolean allSent, CompletableFuture<?> answer) {
    }

    /**
     * Ctrl-C in the middle of a batch: files whose bytes were all sent get a moment for their
     * answers, so a stored file gets its {@code Uploaded} line before the summary.
     */
    private static void awaitSent(List<Sending> uploads) {
        CompletableFuture<?>[] sent = uploads.stream().filter(u -> u.allSent().get())
                .map(Sending::answer).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sent).get(ANSWER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The summary counts whatever has not answered as interrupted.
        }
    }

    private Sending upload(AttachmentsApi api, UploadSource source, Progress progress, ItemReport report) {
        Progress.FileProgress line = progress.file(name(source), size(source), 0);
        AtomicBoolean allSent = new AtomicBoolean();
        ProgressListener listener = (bytes, total) -> {
            line.onProgress(bytes, total);
            allSent.set(total >= 0 && bytes >= total);
        };
        Upload upload = source instanceof UploadSource.LocalFile f ? Upload.file(f.file()).withName(f.name())
                : Upload.oneShot(name(source), server.terminal().standardInput());
        if (contentType != null) {
            upload = upload.withContentType(contentType);
        }
        return new Sending(allSent, api.createAttachmentForObject(parent, upload.withProgress(listener)).whenComplete((a, t) -> {
            line.finish(t == null);
            if (t == null) {
                report.succeeded("Uploaded " + source.shown() + " as " + a.gid(), json(source, a), a.gid().value());
            } else {
                report.failed(source.shown(), t);
            }
        }));
    }

    private static ObjectNode json(UploadSource source, Attachment a) {
        ObjectNode json = ItemReport.object().put("file", jsonFile(source));
        json.setAll(new AttachmentJson().node(a));
        return json;
    }

    /** The argument as given: the path, or {@code -} for standard input. */
    private static String jsonFile(UploadSource source) {
        return source instanceof UploadSource.StandardInput ? UploadSource.STANDARD_INPUT : source.shown();
    }

    private static String name(UploadSource source) {
        if (source instanceof UploadSource.LocalFile f) {
            return f.name();
        }
        return source instanceof UploadSource.StandardInput in ? in.name() : source.shown();
    }

    /** Why a file cannot be sent, found without sending anything. */
    static Optional<String> refusal(Path file) {
        if (!Files.exists(file)) {
            return Optional.of("no such file");
        }
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory; add -r to upload the files below it, or name them (for example "
                    + file + "/*)");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("not a regular file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("cannot be read: permission denied");
        }
        long size = size(file);
        if (size > MAX_BYTES) {
            return Optional.of("is " + AttachmentTable.readableSize(size) + " (" + size + " bytes), over the API's "
                    + "100 MB limit of " + MAX_BYTES + " bytes; nothing was sent");
        }
        return Optional.empty();
    }

    private List<Attachment> existing(AttachmentsApi api) {
        List<Attachment> all = new ArrayList<>();
        Outcomes.await(api.forEach(parent, PageRequest.limit(100).withFields(Fields.of(Field.NAME, Field.SIZE)), all::add));
        return all;
    }

    /** An attachment the file would duplicate: same name and size and, when cheap to compare, same bytes. */
    private static Optional<Attachment> sameAs(AttachmentsApi api, UploadSource.LocalFile file, List<Attachment> existing) {
        long size = size(file.file());
        for (Attachment a : existing) {
            if (file.name().equals(a.name()) && a.size() != null && a.size() == size
                    && (size > COMPARE_CONTENT_UP_TO || sameBytes(api, a, file.file()))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static boolean sameBytes(AttachmentsApi api, Attachment a, Path file) {
        DigestOutputStream sink = Sha256.sink();
        Outcomes.await(api.download(a.gid(), sink, ProgressListener.none()));
        return Sha256.hex(sink).equals(Sha256.of(file));
    }

    /** The bytes a source will send, or -1 for standard input, whose size is known once read. */
    private static long size(UploadSource source) {
        return source instanceof UploadSource.LocalFile f ? size(f.file()) : -1;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
