package dev.attache.client;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to attach: bytes from a file, an array or a stream, or a link to an external URL.
 * Created only through the static factories; immutable apart from the one-shot stream.
 *
 * <p>Bytes are streamed, never held in memory as a whole (except what {@link #bytes} was given).
 * The size is sent as {@code Content-Length} when known.
 *
 * <p>Retries resend the body from the start, so an upload is retried only when it is
 * {@link #replayable()}: files, byte arrays and {@link #stream} sources are;
 * {@link #oneShot} streams are not, and fail instead of being resent.
 *
 * <pre>{@code
 * Upload.file(Path.of("report.pdf"))
 * Upload.bytes("notes.txt", text.getBytes(UTF_8)).withContentType("text/plain")
 * Upload.link(URI.create("https://example.com/spec"), "Spec")
 * }</pre>
 */
public sealed interface Upload
        permits FileUpload, BytesUpload, StreamUpload, OneShotUpload, LinkUpload {

    /**
     * The largest file the API accepts: 100 MB, 104,857,600 bytes. An upload whose size is known
     * and larger is refused before a byte is sent, with a {@link PayloadTooLargeException}.
     */
    long MAX_FILE_BYTES = 104_857_600L;

    /**
     * The file at {@code path}, named after it (or as {@link #withName} says); the content type is
     * probed from the file, falling back to {@code application/octet-stream}. The file is opened
     * anew on each attempt.
     *
     * @param path a readable regular file
     * @return the upload
     */
    static Upload file(Path path) {
        return new FileUpload(path, null, null, null);
    }

    /**
     * The file at {@code path} with the given content type.
     *
     * @param path a readable regular file
     * @param contentType for example {@code application/pdf}
     * @return the upload
     */
    static Upload file(Path path, String contentType) {
        return new FileUpload(path, null, Objects.requireNonNull(contentType, "contentType"), null);
    }

    /**
     * A copy of {@code data}, named {@code name}.
     *
     * @param name the file name, any Unicode
     * @param data the bytes; copied
     * @return the upload
     */
    static Upload bytes(String name, byte[] data) {
        return new BytesUpload(name, data.clone(), null, null);
    }

    /**
     * A stream of known length that {@code source} opens afresh for every attempt, so it can be
     * retried.
     *
     * <pre>{@code
     * Upload.stream("backup.tar", () -> Files.newInputStream(path), Files.size(path))
     * }</pre>
     *
     * @param name the file name
     * @param source opens a new stream positioned at the first byte each time it is called
     * @param length the exact number of bytes each stream yields
     * @return the upload
     * @throws IllegalArgumentException if {@code length} is negative
     */
    static Upload stream(String name, InputStreamSource source, long length) {
        return new StreamUpload(name, source, length, null, null);
    }

    /**
     * A stream that can be read once, of unknown length (sent chunked). Not replayable: a failed
     * attempt is never retried, since the bytes already read are gone.
     *
     * @param name the file name
     * @param in the stream; closed after the upload
     * @return the upload
     */
    static Upload oneShot(String name, InputStream in) {
        return new OneShotUpload(name, in, null, null);
    }

    /**
     * A link to an external resource ({@code resource_subtype=external}); no bytes are sent.
     *
     * @param url an absolute http or https URL
     * @param name the name to show
     * @return the upload
     * @throws IllegalArgumentException if {@code url} is not absolute http or https
     */
    static Upload link(URI url, String name) {
        return new LinkUpload(url, name, false);
    }

    /**
     * A link that also asks to be connected to the calling app ({@code connect_to_app=true};
     * only for tasks and OAuth app tokens).
     *
     * @param url an absolute http or https URL
     * @param name the name to show
     * @return the upload
     */
    static Upload connectedLink(URI url, String name) {
        return new LinkUpload(url, name, true);
    }

    /**
     * The attachment's name as sent.
     *
     * @return the file or link name
     */
    String name();

    /**
     * Whether the body can be sent again from its first byte, which retries require.
     *
     * @return false only for {@link #oneShot}
     */
    boolean replayable();

    /**
     * The same upload under another name: the file name the attachment gets (for a file, instead
     * of the path's last element), or the name a link shows.
     *
     * <pre>{@code
     * Upload.file(Path.of("/tmp/upload-7781.tmp")).withName("Q3 report.pdf")
     * }</pre>
     *
     * @param name any Unicode
     * @return a new upload
     */
    Upload withName(String name);

    /**
     * The same upload with an explicit content type.
     *
     * @param contentType for example {@code image/png}
     * @return a new upload
     * @throws UnsupportedOperationException for links, which carry no bytes
     */
    Upload withContentType(String contentType);

    /**
     * The same upload, reporting progress to {@code listener}.
     *
     * @param listener called as bytes are sent
     * @return a new upload
     * @throws UnsupportedOperationException for links, which carry no bytes
     */
    Upload withProgress(ProgressListener listener);
}
