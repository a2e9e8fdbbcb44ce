package dev.attache.client.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body with text fields and at most one file, streamed from its
 * source on every attempt so the file is never held in memory. Immutable; each call to
 * {@link #publisher} reopens the file.
 */
public final class MultipartBody {

    private static final String CRLF = "\r\n";

    private final String boundary;
    private final byte[] head;
    private final @Nullable FilePart file;
    private final byte[] tail;

    private MultipartBody(String boundary, byte[] head, @Nullable FilePart file, byte[] tail) {
        this.boundary = boundary;
        this.head = head;
        this.file = file;
        this.tail = tail;
    }

    /**
     * Builds a body from text fields (in order) and an optional file part, sent last.
     *
     * @param fields the text parts, in order
     * @param file the file, or null
     * @return the body
     */
    public static MultipartBody of(List<FormField> fields, @Nullable FilePart file) {
        String boundary = "attache-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        StringBuilder head = new StringBuilder();
        for (FormField field : fields) {
            head.append("--").append(boundary).append(CRLF)
                    .append("Content-Disposition: form-data; name=\"").append(field.name()).append('"').append(CRLF)
                    .append("Content-Type: text/plain; charset=UTF-8").append(CRLF)
                    .append(CRLF).append(field.value()).append(CRLF);
        }
        if (file != null) {
            head.append("--").append(boundary).append(CRLF)
                    .append("Content-Disposition: form-data; name=\"file\"; ")
                    .append(FilenameEncoding.dispositionParameters(file.fileName())).append(CRLF)
                    .append("Content-Type: ").append(headerSafe(file.contentType())).append(CRLF)
                    .append(CRLF);
        }
        String tail = (file != null ? CRLF : "") + "--" + boundary + "--" + CRLF;
        return new MultipartBody(boundary, head.toString().getBytes(StandardCharsets.UTF_8), file,
                tail.getBytes(StandardCharsets.US_ASCII));
    }

    private static String headerSafe(String value) {
        return value.replace("\r", "").replace("\n", "");
    }

    /**
     * The {@code Content-Type} header value, with the boundary.
     *
     * @return {@code multipart/form-data; boundary=…}
     */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * The total length, or -1 when the file's length is unknown.
     *
     * @return bytes
     */
    public long length() {
        if (file == null) {
            return head.length + tail.length;
        }
        return file.length() < 0 ? -1 : head.length + file.length() + tail.length;
    }

    /**
     * A publisher for one attempt, reporting every byte it hands over to {@code tracker}.
     *
     * @param tracker counts body bytes for this attempt
     * @return the publisher; fixed-length when {@link #length()} is known, chunked otherwise
     */
    public BodyPublisher publisher(BodyTracker tracker) {
        BodyPublisher stream = BodyPublishers.ofInputStream(() -> open(tracker));
        long length = length();
        return length < 0 ? stream : BodyPublishers.fromPublisher(stream, length);
    }

    private InputStream open(BodyTracker tracker) {
        List<InputStream> parts = new ArrayList<>(3);
        parts.add(new ByteArrayInputStream(head));
        if (file != null) {
            AtomicLong sent = new AtomicLong();
            FilePart f = file;
            parts.add(new CountingInputStream(f.opener().get(),
                    n -> f.progress().onProgress(sent.addAndGet(n), f.length())));
        }
        parts.add(new ByteArrayInputStream(tail));
        return new CountingInputStream(new SequenceInputStream(Collections.enumeration(parts)), tracker::add);
    }
}
