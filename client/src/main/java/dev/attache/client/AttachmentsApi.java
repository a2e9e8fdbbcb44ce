package dev.attache.client;

import dev.attache.client.internal.ApiRequest;
import dev.attache.client.internal.ApiTransport;
import dev.attache.client.internal.ByteSink;
import dev.attache.client.internal.ClientRuntime;
import dev.attache.client.internal.Downloader;
import dev.attache.client.internal.FileSink;
import dev.attache.client.internal.Futures;
import dev.attache.client.internal.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Asana's Attachments API: upload, link, get, list, delete and download attachments of tasks,
 * projects and project briefs.
 *
 * <pre>{@code
 * try (AttachmentsApi api = AttachmentsApi.builder()
 *         .token(System.getenv("ASANA_TOKEN"))       // https://app.asana.com/api/1.0 by default
 *         .build()) {
 *     Attachment a = api.createAttachmentForObject(ParentGid.of("1204"), Upload.file(Path.of("plan.pdf")))
 *             .join();
 *     api.download(a.gid(), Path.of("copy.pdf")).join();
 * }
 * }</pre>
 *
 * <p>Every operation returns at once. Its future completes exceptionally with an
 * {@link AsanaApiException} subtype when the API answers with an error, or an
 * {@link AsanaTransportException} when no answer arrives; failures are retried first as
 * {@link RetryPolicy} describes. Bad arguments throw immediately ({@link NullPointerException},
 * {@link IllegalArgumentException}). Dependent stages run on the client's worker thread that
 * received the response, or on the calling thread; do not block in them.
 *
 * <p>Cancelling a returned future ({@code cancel}, {@code orTimeout}, {@code completeExceptionally})
 * cancels the call: the HTTP exchange is aborted (an upload stops sending at once, and the server
 * keeps nothing of a truncated body), no retry or backoff follows, and its in-flight slot goes to
 * the next call. {@link #withDeadline} gives calls a deadline that does the same.
 *
 * <p>Thread-safe; build one and share it. It owns a small pool of worker threads, reused across
 * calls, and (unless you supplied your own) its {@code HttpClient}s; {@link #close()} cancels open
 * calls and ends those threads.
 */
public final class AttachmentsApi implements AutoCloseable {

    private static final Fields DOWNLOAD_FIELDS =
            Fields.of(Field.DOWNLOAD_URL, Field.NAME, Field.SIZE, Field.RESOURCE_SUBTYPE);

    private final ApiTransport transport;
    private final JsonCodec json;
    private final Downloader downloader;
    private final ClientRuntime runtime;
    private final @Nullable Duration deadline;

    AttachmentsApi(ApiTransport transport, JsonCodec json, Downloader downloader, ClientRuntime runtime,
            @Nullable Duration deadline) {
        this.transport = transport;
        this.json = json;
        this.downloader = downloader;
        this.runtime = runtime;
        this.deadline = deadline;
    }

    /**
     * Starts configuring a client.
     *
     * @return a new builder
     */
    public static AttachmentsApiBuilder builder() {
        return new AttachmentsApiBuilder();
    }

    /**
     * A view of this client whose every call must finish within {@code deadline}, counted from
     * the moment the method is called and covering waiting for a slot, retries and backoff (for a
     * download, the metadata request and the whole transfer). A call that runs out of time fails
     * with an {@link AsanaTransportException} caused by an {@link HttpTimeoutException} and is
     * cancelled as {@code cancel} would. A retry whose wait would outlast the deadline (a 429's
     * {@code Retry-After}, or the backoff, including the one before a download resumes) is not
     * waited for: the call fails at once with the error that asked for the wait, such as a {@link RateLimitedException} with its
     * {@link RateLimitedException#retryAfter() retryAfter()}. The view shares this client's threads, slots and
     * connections; closing either closes both. The idle timeout for uploads still applies.
     *
     * @param deadline positive
     * @return the view
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public AttachmentsApi withDeadline(Duration deadline) {
        if (Objects.requireNonNull(deadline, "deadline").isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        return new AttachmentsApi(transport, json, downloader, runtime, deadline);
    }

    /**
     * Cancels every call still open, releases the {@code HttpClient} the builder made and ends the
     * client's worker and timer threads, waiting up to a few seconds for them. On Java 21 and later
     * that {@code HttpClient} is closed, so no thread of the client's is left. Java 17 to 20 cannot
     * stop an {@code HttpClient}: its selector thread, a daemon, ends with its idle connections once
     * it is garbage collected, and this client keeps no reference to it after closing. An
     * {@code HttpClient} or executor you supplied is left running. Calls made afterwards fail with
     * {@link IllegalStateException}. Calling it again does nothing.
     */
    @Override
    public void close() {
        runtime.close();
    }

    /**
     * Uploads bytes, or links a URL, to a task, project or project brief
     * ({@code POST /attachments}), returning the API's default fields.
     *
     * @param parent the task, project or project brief
     * @param upload the file or link
     * @return completes with the new attachment; a file over 100 MB fails with
     *     {@link PayloadTooLargeException}, before a byte is sent when its size is known
     */
    public CompletableFuture<Attachment> createAttachmentForObject(ParentGid parent, Upload upload) {
        return createAttachmentForObject(parent, upload, Fields.defaults());
    }

    /**
     * Uploads bytes, or links a URL, to a task, project or project brief
     * ({@code POST /attachments}). The body is streamed; its size goes out as
     * {@code Content-Length} when known. Retried only if {@link Upload#replayable()} and never
     * once the server may have acted on it (see {@link RetryPolicy}).
     *
     * @param parent the task, project or project brief
     * @param upload the file or link
     * @param fields the fields to return
     * @return completes with the new attachment, or exceptionally with an {@link AsanaException}
     *     (or an {@link UncheckedIOException} when a file cannot be read)
     */
    public CompletableFuture<Attachment> createAttachmentForObject(ParentGid parent, Upload upload, Fields fields) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(fields, "fields");
        ApiRequest request;
        try {
            request = UploadRequests.toRequest(parent, upload, fields);
        } catch (UncheckedIOException | PayloadTooLargeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return bounded(transport.send(request, body -> json.readData(body, Attachment.class), deadline), request);
    }

    /**
     * Gets one attachment's default fields ({@code GET /attachments/{gid}}).
     *
     * @param gid the attachment
     * @return completes with the attachment; a missing one fails with {@link NotFoundException}
     */
    public CompletableFuture<Attachment> getAttachment(AttachmentGid gid) {
        return getAttachment(gid, Fields.defaults());
    }

    /**
     * Gets one attachment ({@code GET /attachments/{gid}}).
     *
     * @param gid the attachment
     * @param fields the fields to return
     * @return completes with the attachment, or exceptionally with an {@link AsanaException}
     */
    public CompletableFuture<Attachment> getAttachment(AttachmentGid gid, Fields fields) {
        Objects.requireNonNull(gid, "gid");
        ApiRequest request = new ApiRequest("GET", "/attachments/" + gid.value(), Queries.of(fields), null, true);
        return bounded(transport.send(request, body -> json.readData(body, Attachment.class), deadline), request);
    }

    /**
     * Deletes an attachment and its bytes ({@code DELETE /attachments/{gid}}).
     *
     * @param gid the attachment
     * @return completes when deleted, or exceptionally with an {@link AsanaException}
     */
    public CompletableFuture<Void> deleteAttachment(AttachmentGid gid) {
        Objects.requireNonNull(gid, "gid");
        ApiRequest request = new ApiRequest("DELETE", "/attachments/" + gid.value(), Map.of(), null, true);
        return bounded(transport.send(request, body -> null, deadline), request);
    }

    /**
     * Gets all of a parent's attachments in one response, oldest first, with the compact fields
     * ({@code GET /attachments?parent=}, no {@code limit}); same as
     * {@code getAttachmentsForObject(parent, PageRequest.all())}.
     *
     * @param parent the task, project or project brief
     * @return completes with the single page, whose {@link Page#next()} is empty
     */
    public CompletableFuture<Page<Attachment>> getAttachmentsForObject(ParentGid parent) {
        return getAttachmentsForObject(parent, PageRequest.all());
    }

    /**
     * Gets one page of a parent's attachments, oldest first ({@code GET /attachments?parent=}).
     * Items carry the compact fields ({@code gid}, {@code name}, {@code resource_type},
     * {@code resource_subtype}) unless {@link PageRequest#fields()} asks for others.
     *
     * @param parent the task, project or project brief
     * @param request page size, offset and fields; {@link PageRequest#maxItems()} is ignored here
     * @return completes with the page, or exceptionally with an {@link AsanaException}
     */
    public CompletableFuture<Page<Attachment>> getAttachmentsForObject(ParentGid parent, PageRequest request) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(request, "request");
        return fetchPage(parent, request, request.offset());
    }

    /**
     * Walks a parent's attachments page by page, prefetching the next page.
     *
     * @param parent the task, project or project brief
     * @param request page size (use a limit to page), first offset, fields and item cap
     * @return an iterator that has not fetched anything yet
     */
    public PageIterator<Attachment> pages(ParentGid parent, PageRequest request) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(request, "request");
        return new PageIterator<>(offset -> fetchPage(parent, request, offset), request);
    }

    /**
     * Walks a parent's attachments one at a time, fetching pages as needed.
     *
     * @param parent the task, project or project brief
     * @param request page size, first offset, fields and item cap
     * @return an iterator that has not fetched anything yet
     */
    public ItemIterator<Attachment> items(ParentGid parent, PageRequest request) {
        return new ItemIterator<>(pages(parent, request));
    }

    /**
     * Hands every attachment of a parent to {@code action}, fetching pages as needed.
     *
     * @param parent the task, project or project brief
     * @param request page size, fields and item cap
     * @param action called once per attachment, in order
     * @return completes after the last one, or exceptionally with the first failure
     */
    public CompletableFuture<Void> forEach(ParentGid parent, PageRequest request,
            Consumer<? super Attachment> action) {
        Objects.requireNonNull(action, "action");
        return pages(parent, request).forEach(action);
    }

    private CompletableFuture<Page<Attachment>> fetchPage(ParentGid parent, PageRequest request,
            @Nullable String offset) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("parent", parent.value());
        if (request.limit() != null) {
            query.put("limit", request.limit().toString());
        }
        if (offset != null) {
            query.put("offset", offset);
        }
        Queries.addTo(query, request.fields());
        ApiRequest call = new ApiRequest("GET", "/attachments", query, null, true);
        return bounded(transport.send(call, body -> json.readPage(body, Attachment.class), deadline), call);
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call, ApiRequest request) {
        return bounded(call, request.method(), request.path());
    }

    /** Fails {@code call} when the deadline passes; its completion cancels whatever is running. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call, String method, String path) {
        Duration limit = deadline;
        if (limit == null || call.isDone()) {
            return call;
        }
        ScheduledFuture<?> timer;
        try {
            timer = runtime.schedule(() -> call.completeExceptionally(new AsanaTransportException(method, path,
                    new HttpTimeoutException("no result within the deadline of " + limit))), limit);
        } catch (RejectedExecutionException closed) {
            return call;
        }
        call.whenComplete((v, t) -> timer.cancel(false));
        return call;
    }

    /**
     * Downloads an attachment's bytes to {@code target}: fetches a fresh {@code download_url},
     * streams into {@code target.part}, resumes with {@code Range} after a dropped connection,
     * checks the length, then moves the file onto {@code target}. An external link (an attachment
     * made with {@link Upload#link}) has no bytes here: its download fails at once with an
     * {@link IllegalStateException} naming the link's host, and nothing is fetched from it. The
     * bearer token is never sent
     * to the download URL. An error response is never written to disk. If the download fails,
     * {@code target.part} is deleted; if it is cancelled, {@code target.part} is kept for
     * {@link #resumeDownload}.
     *
     * @param gid the attachment
     * @param target where the file goes; replaced if present
     * @return completes with {@code target}
     */
    public CompletableFuture<Path> download(AttachmentGid gid, Path target) {
        return download(gid, target, ProgressListener.none());
    }

    /**
     * Like {@link #download(AttachmentGid, Path)}, reporting progress.
     *
     * @param gid the attachment
     * @param target where the file goes; replaced if present
     * @param progress hears bytes written
     * @return completes with {@code target}, or exceptionally with an {@link AsanaException} (or
     *     an {@link UncheckedIOException} when the file cannot be written)
     */
    public CompletableFuture<Path> download(AttachmentGid gid, Path target, ProgressListener progress) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        FileSink sink = new FileSink(target);
        CompletableFuture<Path> result = Futures.map(fetch(gid, sink, progress, due()), n -> commit(sink));
        result.whenComplete((path, failure) -> {
            if (failure instanceof CancellationException) {
                sink.abandon();
            } else if (failure != null) {
                sink.discard();
            }
        });
        return bounded(result, "GET", "/attachments/" + gid.value());
    }

    /**
     * Like {@link #download(AttachmentGid, Path, ProgressListener)}, but keeps the bytes an earlier,
     * interrupted download left in {@code target.part} and fetches only the rest with
     * {@code Range}. A partial file longer than the attachment is started afresh. When the future
     * fails, {@code target.part} is kept for the next attempt.
     *
     * @param gid the attachment
     * @param target where the file goes; replaced if present
     * @param progress hears the bytes {@code target.part} holds, counting those it had at the start
     * @return completes with {@code target}, or exceptionally as
     *     {@link #download(AttachmentGid, Path, ProgressListener)} does
     */
    public CompletableFuture<Path> resumeDownload(AttachmentGid gid, Path target, ProgressListener progress) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        FileSink sink = FileSink.resuming(target);
        Instant due = due();
        CompletableFuture<Path> result = Futures.map(
                Futures.compose(metadata(gid), a -> resume(a, sink, progress, due)), n -> commit(sink));
        result.whenComplete((path, failure) -> {
            if (failure != null) {
                // The partial file stays for the next attempt.
                sink.abandon();
            }
        });
        return bounded(result, "GET", "/attachments/" + gid.value());
    }

    private CompletableFuture<Attachment> metadata(AttachmentGid gid) {
        Objects.requireNonNull(gid, "gid");
        ApiRequest request = new ApiRequest("GET", "/attachments/" + gid.value(), Queries.of(DOWNLOAD_FIELDS), null,
                true);
        return transport.send(request, body -> json.readData(body, Attachment.class), deadline);
    }

    /** When this view's deadline for a call starting now runs out, or null without one. */
    private @Nullable Instant due() {
        return deadline == null ? null : downloader.due(deadline);
    }

    private CompletableFuture<Long> resume(Attachment a, FileSink sink, ProgressListener progress,
            @Nullable Instant due) {
        IllegalStateException refused = notDownloadable(a);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        long size = a.size() != null ? a.size() : -1;
        long have;
        try {
            have = sink.existingLength();
            if (size >= 0 && have > size) {
                sink.restart();
                have = 0;
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        if (have > 0 && have == size) {
            // Asking for bytes=size- would get 416; the partial file is already whole.
            progress.onProgress(have, size);
            return CompletableFuture.completedFuture(have);
        }
        return downloader.download(a.downloadUrl(), size, sink, progress, have, due);
    }

    /**
     * Why the attachment's bytes cannot be downloaded, or null when they can. An external link's
     * {@code download_url} is the link itself, on a host that knows nothing of Asana: following it
     * would fetch whatever that host serves, under this client's retries, and report the failure
     * as if the API had failed.
     */
    private static @Nullable IllegalStateException notDownloadable(Attachment a) {
        ResourceSubtype subtype = a.resourceSubtype();
        if (subtype != null && !ResourceSubtype.ASANA.equals(subtype)) {
            URI link = a.downloadUrl();
            String host = link == null || link.getHost() == null ? "an unknown host" : link.getHost();
            return new IllegalStateException("attachment " + a.gid() + " is an external link (" + subtype
                    + ") to " + host + ", not an uploaded file; download fetches only uploaded files");
        }
        if (a.downloadUrl() == null) {
            return new IllegalStateException("attachment " + a.gid() + " has no download_url");
        }
        return null;
    }

    private static Path commit(FileSink sink) {
        try {
            return sink.commit();
        } catch (IOException e) {
            sink.discard();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Streams an attachment's bytes into {@code out}, with the same resume and length checks as
     * {@link #download(AttachmentGid, Path)}. Bytes already written stay written when the future
     * fails. {@code out} is not closed.
     *
     * @param gid the attachment
     * @param out receives the bytes in order
     * @param progress hears bytes written
     * @return completes with the byte count
     */
    public CompletableFuture<Long> download(AttachmentGid gid, OutputStream out, ProgressListener progress) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progress, "progress");
        WritableByteChannel channel = Channels.newChannel(out);
        return bounded(fetch(gid, (ByteBuffer b) -> {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }, progress, due()), "GET", "/attachments/" + gid.value());
    }

    private CompletableFuture<Long> fetch(AttachmentGid gid, ByteSink sink, ProgressListener progress,
            @Nullable Instant due) {
        return Futures.compose(metadata(gid), a -> {
            IllegalStateException refused = notDownloadable(a);
            if (refused != null) {
                return CompletableFuture.failedFuture(refused);
            }
            long size = a.size() != null ? a.size() : -1;
            return downloader.download(a.downloadUrl(), size, sink, progress, 0, due);
        });
    }
}
