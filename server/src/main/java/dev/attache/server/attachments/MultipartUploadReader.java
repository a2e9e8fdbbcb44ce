package dev.attache.server.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.OutOfSpace;
import dev.attache.server.http.ApiException;

/**
 * Reads a {@code multipart/form-data} body as it arrives. Jetty's parser finds the parts; the file
 * part's bytes go straight into a new blob while its SHA-256 (on another thread) and length are computed, so no part is
 * held in memory or copied to a second temporary file. The size limit is enforced on the bytes as they
 * arrive: the first byte over it stops the read with a 413.
 */
public final class MultipartUploadReader {

    /** Asana's limit: 100 MB. */
    static final long MAX_FILE_BYTES = 104_857_600L;
    static final int MAX_FIELD_BYTES = 8 * 1024;
    private static final int MAX_PARTS = 64;
    /** The largest upload body: the file, the other fields, and room for every part's headers and boundary. */
    public static final long MAX_BODY_BYTES = MAX_FILE_BYTES + MAX_PARTS * (MAX_FIELD_BYTES + 1024L);
    private static final int READ_BUFFER = 128 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]{1,200})\"|([^;\\s]{1,200}))");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]{1,127}/[\\w.+-]{1,127}");

    /** Called when the file part starts, with the fields seen before it, so a bad request fails before its bytes are read. */
    @FunctionalInterface
    interface FileGate {
        void beforeFile(Map<String, String> fieldsSoFar);
    }

    private final BlobStore blobs;
    private final Executor hashing;

    public MultipartUploadReader(BlobStore blobs, Executor hashing) {
        this.blobs = blobs;
        this.hashing = hashing;
    }

    /** The boundary of a {@code multipart/form-data} content type; 400 for any other type. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("Request must be multipart/form-data");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ApiException.badRequest("Malformed multipart body");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * Reads the whole form.
     *
     * @throws ApiException 400 for a malformed or truncated body, 413 for a file over the limit, or
     *                      whatever the gate throws; nothing is left in the blob store when it throws
     */
    UploadForm read(InputStream body, String contentType, FileGate gate) {
        Listener listener = new Listener(gate);
        MultiPart.Parser parser = new MultiPart.Parser(boundary(contentType), listener);
        parser.setMaxParts(MAX_PARTS);
        byte[] buffer = new byte[READ_BUFFER];
        try {
            while (!listener.complete) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException e) {
                    throw ApiException.badRequest("Malformed multipart body");
                }
                parser.parse(n < 0 ? Content.Chunk.EOF : Content.Chunk.from(ByteBuffer.wrap(buffer, 0, n), false));
                listener.rethrow();
                if (n < 0 && !listener.complete) {
                    throw ApiException.badRequest("Malformed multipart body");
                }
            }
            return listener.form();
        } catch (RuntimeException e) {
            listener.abort();
            throw e;
        }
    }

    private final class Listener implements MultiPart.Parser.Listener {

        private final FileGate gate;
        private final Map<String, String> fields = new HashMap<>();
        private final Map<String, String> headers = new HashMap<>();
        private RuntimeException failure;
        private boolean complete;

        // The part being read: either a field or the file.
        private String partName;
        private ByteArrayOutputStream fieldValue;
        private boolean inFile;

        private BlobWriter blob;
        private BackgroundDigest digest;
        private long size;
        private String filename;
        private String fileContentType;

        Listener(FileGate gate) {
            this.gate = gate;
        }

        @Override
        public void onPartBegin() {
            headers.clear();
        }

        @Override
        public void onPartHeader(String name, String value) {
            headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        }

        @Override
        public void onPartHeaders() {
            guard(this::startPart);
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            // The parser owns the chunk and releases it after this call; the bytes are consumed here.
            ByteBuffer bytes = chunk.getByteBuffer();
            guard(() -> content(bytes));
        }

        @Override
        public void onPartEnd() {
            guard(this::endPart);
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            if (failure == null) {
                failure = cause instanceof ApiException api ? api : ApiException.badRequest("Malformed multipart body");
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }

        UploadForm form() {
            UploadForm.ReceivedFile file = blob == null ? null : new UploadForm.ReceivedFile(blob, filename,
                    fileContentType, size, digest.finish());
            return new UploadForm(fields, file);
        }

        void abort() {
            if (digest != null) {
                digest.close();
            }
            if (blob != null) {
                blob.abort();
            }
        }

        private void guard(IoWork work) {
            if (failure != null) {
                return;
            }
            try {
                work.run();
            } catch (ApiException e) {
                failure = e;
            } catch (IOException e) {
                failure = new BlobWriteException(e);
            }
        }

        private void startPart() throws IOException {
            ContentDisposition disposition = ContentDisposition.parse(headers.getOrDefault("content-disposition", ""));
            partName = disposition.name().orElse("");
            inFile = partName.equals("file");
            if (!inFile) {
                fieldValue = new ByteArrayOutputStream();
                return;
            }
            if (blob != null) {
                throw ApiException.invalid("file", "Only one file may be uploaded per request");
            }
            gate.beforeFile(Map.copyOf(fields));
            filename = disposition.filename().orElse(null);
            fileContentType = mediaType(headers.get("content-type"));
            blob = blobs.create();
            digest = new BackgroundDigest(hashing);
        }

        private void content(ByteBuffer bytes) throws IOException {
            if (!inFile) {
                if (fieldValue.size() + bytes.remaining() > MAX_FIELD_BYTES) {
                    throw ApiException.invalid(partName.isEmpty() ? "form" : partName, "Value is too long");
                }
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                fieldValue.writeBytes(copy);
                return;
            }
            size += bytes.remaining();
            if (size > MAX_FILE_BYTES) {
                throw ApiException.tooLarge("file: The file exceeds the 100 MB size limit");
            }
            digest.update(bytes);
            blob.write(bytes);
        }

        private void endPart() {
            if (!inFile && !partName.isEmpty()) {
                fields.putIfAbsent(partName, fieldValue.toString(StandardCharsets.UTF_8));
            }
            inFile = false;
        }
    }

    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException;
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "application/octet-stream";
        }
        String type = header.strip();
        String bare = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type;
        return MEDIA_TYPE.matcher(bare).matches() && type.length() <= 255 ? type : "application/octet-stream";
    }

    /**
     * The blob store failed while bytes were being written or committed; reported as a 500 whose
     * message names no path. The message, which the log line carries, says "disk full" plainly when
     * that is what happened, so the operator knows what to do.
     */
    static final class BlobWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BlobWriteException(IOException cause) {
            super(OutOfSpace.causedBy(cause)
                    ? "disk full: the blob store has no space left; the upload was not kept"
                    : "blob store write failed; the upload was not kept", cause);
        }
    }
}
