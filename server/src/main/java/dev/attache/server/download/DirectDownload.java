package dev.attache.server.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.attachments.AttachmentService;
import dev.attache.server.http.DirectAnswer;
import dev.attache.server.http.DirectRoute;
import dev.attache.server.ids.Gid;

/**
 * A whole small file from its signed {@code download_url}, on Jetty's core API: read with positional
 * reads into one pooled direct buffer and written in one go. Only the plain case: a valid, unexpired
 * URL with nothing but {@code expires} and {@code signature}, no {@code Range} or {@code If-None-Match},
 * an upload whose bytes are in a local file of at most {@link BlobBody#CHUNK} bytes, and a stored type
 * without parameters (the servlet layer respells some of those). {@link DownloadRoutes} answers every
 * other request, and checks nothing this route has not already checked the same way.
 */
public final class DirectDownload implements DirectRoute {

    static final String PREFIX = "/download/";

    private final AttachmentService attachments;
    private final DownloadUrls urls;
    private final LongConsumer sent;

    /** @param sent told of the body's bytes as they are handed to Jetty, as {@link BlobBody} does */
    public DirectDownload(AttachmentService attachments, DownloadUrls urls, LongConsumer sent) {
        this.attachments = attachments;
        this.urls = urls;
        this.sent = sent;
    }

    @Override
    public String pathPrefix() {
        return PREFIX;
    }

    @Override
    public @Nullable DirectAnswer answer(Request request) throws IOException {
        if (request.getHeaders().contains(HttpHeader.RANGE) || request.getHeaders().contains(HttpHeader.IF_NONE_MATCH)) {
            return null;
        }
        Optional<Gid> gid = Gid.parse(request.getHttpURI().getPath().substring(PREFIX.length()));
        SignedQuery query = SignedQuery.parse(request.getHttpURI().getQuery());
        if (gid.isEmpty() || query == null || !urls.isValid(gid.get().value(), query.expires(), query.signature())) {
            return null;
        }
        Optional<AttachmentService.Download> found = attachments.download(gid.get().value());
        if (found.isEmpty()) {
            return null;
        }
        Attachment a = found.get().attachment();
        long size = found.get().blob().size();
        Optional<Path> file = found.get().blob().localFile();
        String type = DownloadRoutes.servedType(a.contentType());
        if (file.isEmpty() || size > BlobBody.CHUNK || type.indexOf(';') >= 0) {
            return null;
        }
        RetainableByteBuffer pooled = request.getComponents().getByteBufferPool().acquire((int) Math.max(1, size), true);
        try {
            ByteBuffer body = pooled.getByteBuffer();
            read(file.get(), body, (int) size);
            sent.accept(size);
            return new DirectAnswer(200, DownloadRoutes.headers(a), body, DownloadUrls.PATH, pooled::release);
        } catch (IOException | RuntimeException e) {
            pooled.release();
            throw e;
        }
    }

    private static void read(Path file, ByteBuffer buffer, int size) throws IOException {
        buffer.clear();
        buffer.limit(size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, buffer.position()) < 0) {
                    throw new IOException("Blob file ended before " + size + " bytes: " + file.getFileName());
                }
            }
        }
        buffer.flip();
    }

    /** {@code expires=…&signature=…}, in that order and nothing else, with nothing to decode. */
    private record SignedQuery(String expires, String signature) {

        static @Nullable SignedQuery parse(@Nullable String query) {
            if (query == null || !query.startsWith("expires=")) {
                return null;
            }
            int amp = query.indexOf('&');
            if (amp < 0 || !query.startsWith("signature=", amp + 1)) {
                return null;
            }
            String expires = query.substring("expires=".length(), amp);
            String signature = query.substring(amp + 1 + "signature=".length());
            if (!plain(expires) || !plain(signature)) {
                return null;
            }
            return new SignedQuery(expires, signature);
        }

        /** Base64url and digits need no decoding; anything else goes to the framework's query parser. */
        private static boolean plain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    return false;
                }
            }
            return !value.isEmpty();
        }
    }
}
