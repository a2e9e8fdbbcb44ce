package dev.attache.cli.attachments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.concurrent.CompletableFuture;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.Field;
import dev.attache.client.Fields;
import dev.attache.client.ProgressListener;
import dev.attache.client.ResourceSubtype;
import dev.attache.server.signing.Sha256;

/**
 * Brings one attachment's bytes into a local file: continues an earlier run's {@code .part} file,
 * and decides what to do about a file already at the target. Thread-safe.
 */
final class FileFetcher {

    /** What {@code download} and {@code export} need to know about each attachment. */
    static final Fields FIELDS = Fields.of(Field.NAME, Field.SIZE, Field.CREATED_AT, Field.RESOURCE_SUBTYPE);

    /** What to do when the target file already exists. */
    enum Existing {
        /** Keep an identical file (same size and content); refuse to touch a different one. */
        KEEP_IDENTICAL_REFUSE_DIFFERENT,
        /** Keep a file of the right size, which only a finished earlier run can have left; replace others. */
        KEEP_SAME_SIZE_REPLACE_OTHERS,
        /** Always replace it. */
        REPLACE
    }

    private final AttachmentsApi api;
    private final Progress progress;

    FileFetcher(AttachmentsApi api, Progress progress) {
        this.api = api;
        this.progress = progress;
    }

    /**
     * Fetches {@code a} into {@code target}.
     *
     * @return completes with what was done, or exceptionally with a {@link TargetExistsException},
     *     an {@link dev.attache.client.AsanaException} or an {@link UncheckedIOException}
     */
    CompletableFuture<Fetched> fetch(Attachment a, Path target, Existing existing) {
        if (a.resourceSubtype() != null && !ResourceSubtype.ASANA.equals(a.resourceSubtype())) {
            return CompletableFuture.failedFuture(new IllegalStateException("attachment " + a.gid()
                    + " is a link (" + a.resourceSubtype() + "), not a file; there is nothing to download"));
        }
        long size = a.size() == null ? -1 : a.size();
        try {
            if (Files.exists(target)) {
                return existing(a, target, existing, size);
            }
            boolean partial = Files.isRegularFile(part(target));
            return transfer(a, target, true).thenApply(p ->
                    new Fetched(a, p, partial ? Fetched.How.RESUMED : Fetched.How.DOWNLOADED));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
    }

    private CompletableFuture<Fetched> existing(Attachment a, Path target, Existing existing, long size)
            throws IOException {
        boolean sameSize = Files.isRegularFile(target) && Files.size(target) == size;
        if (existing == Existing.REPLACE || existing == Existing.KEEP_SAME_SIZE_REPLACE_OTHERS && !sameSize) {
            return transfer(a, target, false).thenApply(p -> new Fetched(a, p, Fetched.How.DOWNLOADED));
        }
        if (existing == Existing.KEEP_SAME_SIZE_REPLACE_OTHERS) {
            return CompletableFuture.completedFuture(new Fetched(a, target, Fetched.How.ALREADY_THERE));
        }
        if (!sameSize) {
            return CompletableFuture.failedFuture(new TargetExistsException(target, a.gid()));
        }
        String local = Sha256.of(target);
        return remoteSha256(a).thenApply(remote -> {
            if (!remote.equals(local)) {
                throw new TargetExistsException(target, a.gid());
            }
            return new Fetched(a, target, Fetched.How.ALREADY_THERE);
        });
    }

    /**
     * The server exposes no digest of an attachment, so equal content can only be known by
     * streaming it; the bytes go into a digest, never to disk.
     */
    private CompletableFuture<String> remoteSha256(Attachment a) {
        DigestOutputStream sink = Sha256.sink();
        return api.download(a.gid(), sink, ProgressListener.none()).thenApply(n -> Sha256.hex(sink));
    }

    private CompletableFuture<Path> transfer(Attachment a, Path target, boolean resume) throws IOException {
        long size = a.size() == null ? -1 : a.size();
        long partial = resume && Files.isRegularFile(part(target)) ? Files.size(part(target)) : 0;
        Progress.FileProgress line = progress.file(target.getFileName().toString(), size,
                size >= 0 && partial > size ? 0 : partial);
        CompletableFuture<Path> done = resume
                ? api.resumeDownload(a.gid(), target, line)
                : api.download(a.gid(), target, line);
        return done.whenComplete((p, t) -> line.finish(t == null));
    }

    static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }
}
