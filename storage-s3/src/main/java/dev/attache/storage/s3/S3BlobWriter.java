package dev.attache.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.blob.BlobWriter;
import dev.attache.server.signing.Sha256;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One blob on its way into S3. Bytes collect in a part buffer; a blob that never outgrows one part
 * is sent at commit as a single {@code PutObject}. Once a part is full and more bytes arrive, the
 * writer starts a multipart upload and sends the full part on an upload thread while the next one
 * fills. Up to {@code partsInFlight} parts go out at once, since a store takes a while to check and
 * keep each part and sending them one at a time left the upload waiting on every one of those pauses;
 * so at most {@code partsInFlight + 1} parts are in memory, and the caller waits only when S3 falls
 * that many parts behind.
 * Every part carries its SHA-256, which S3 checks before it accepts the part. Any failure aborts the
 * multipart upload. Each request to the store is bounded by the write call timeout, so a store that
 * stands still fails the write as unavailable (503) instead of holding the upload for as long as it
 * stands still. Not thread-safe: one upload owns it.
 */
final class S3BlobWriter implements BlobWriter {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobWriter.class);
    /** Small uploads are the common case; the buffer grows from here only as bytes arrive. */
    private static final int FIRST_BUFFER_BYTES = 64 * 1024;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private enum State { OPEN, COMMITTED, ABORTED }

    private final S3Client s3;
    private final S3Location location;
    private final String key;
    private final int partSize;
    private final int partsInFlight;
    private final Executor uploads;
    private final AwsRequestOverrideConfiguration bounded;

    private State state = State.OPEN;
    private byte[] buffer = new byte[0];
    private int filled;
    private final Deque<byte[]> spares = new ArrayDeque<>();
    private @Nullable String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** Parts sent and not yet acknowledged, oldest first. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    private record InFlight(CompletableFuture<CompletedPart> part, byte[] buffer) {
    }

    S3BlobWriter(S3Client s3, S3Location location, String key, int partSize, int partsInFlight,
                 Duration callTimeout, Executor uploads) {
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("partsInFlight must be at least 1 but was " + partsInFlight);
        }
        this.s3 = s3;
        this.location = location;
        this.key = key;
        this.partSize = partSize;
        this.partsInFlight = partsInFlight;
        this.uploads = uploads;
        this.bounded = AwsRequestOverrideConfiguration.builder().apiCallTimeout(callTimeout).build();
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        requireOpen();
        try {
            if (inFlight.stream().anyMatch(f -> f.part().isCompletedExceptionally())) {
                awaitAllInFlight();
            }
            while (bytes.hasRemaining()) {
                if (filled == buffer.length) {
                    makeRoom();
                }
                int n = Math.min(bytes.remaining(), buffer.length - filled);
                bytes.get(buffer, filled, n);
                filled += n;
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw asIoException(e);
        }
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        try {
            if (uploadId == null) {
                putObject();
            } else {
                if (filled > 0) {
                    sendPart();
                }
                awaitAllInFlight();
                completeUpload();
            }
            state = State.COMMITTED;
            releaseBuffers();
        } catch (IOException | RuntimeException e) {
            abort();
            throw asIoException(e);
        }
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        for (InFlight sending : inFlight) {
            // S3 may still accept a part that is in flight when the upload is aborted; wait it out so
            // the abort is the last word.
            sending.part().handle((part, failure) -> null).join();
        }
        inFlight.clear();
        if (uploadId != null) {
            String id = uploadId;
            try {
                s3.abortMultipartUpload(b -> b.overrideConfiguration(bounded).bucket(location.bucket()).key(objectKey()).uploadId(id));
            } catch (SdkException e) {
                LOG.warn("could not abort multipart upload of {}; deleteTemporaries will once it is stale: {}",
                        objectKey(), e.getMessage());
            }
        }
        releaseBuffers();
    }

    /** The buffer is full: grow it while the blob still fits one part, else send it as a part. */
    private void makeRoom() throws IOException {
        if (buffer.length < partSize) {
            buffer = Arrays.copyOf(buffer, Math.min(partSize, Math.max(FIRST_BUFFER_BYTES, buffer.length * 2)));
        } else {
            sendPart();
        }
    }

    private void sendPart() throws IOException {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.overrideConfiguration(bounded).bucket(location.bucket()).key(objectKey())
                    .contentType(CONTENT_TYPE).checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        }
        if (inFlight.size() >= partsInFlight) {
            awaitOldest();
        }
        String id = uploadId;
        int number = parts.size() + inFlight.size() + 1;
        byte[] sending = buffer;
        int length = filled;
        CompletableFuture<CompletedPart> part = CompletableFuture.supplyAsync(
                () -> uploadPart(id, number, sending, length), uploads);
        inFlight.addLast(new InFlight(part, sending));
        buffer = spares.isEmpty() ? new byte[partSize] : spares.pop();
        filled = 0;
    }

    private CompletedPart uploadPart(String id, int number, byte[] bytes, int length) {
        String sha256 = sha256(bytes, length);
        UploadPartResponse response = s3.uploadPart(b -> b.overrideConfiguration(bounded).bucket(location.bucket()).key(objectKey()).uploadId(id)
                .partNumber(number).contentLength((long) length).checksumSHA256(sha256), body(bytes, length));
        return CompletedPart.builder().partNumber(number).eTag(response.eTag()).checksumSHA256(sha256).build();
    }

    private void awaitAllInFlight() throws IOException {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /** Parts are listed in the order they were sent, so the list stays sorted by part number. */
    private void awaitOldest() throws IOException {
        InFlight oldest = inFlight.peekFirst();
        try {
            parts.add(oldest.part().join());
        } catch (CompletionException e) {
            throw asIoException(e.getCause() == null ? e : e.getCause());
        }
        inFlight.removeFirst();
        spares.push(oldest.buffer());
    }

    private void putObject() {
        String sha256 = sha256(buffer, filled);
        s3.putObject(b -> b.overrideConfiguration(bounded).bucket(location.bucket()).key(objectKey()).contentType(CONTENT_TYPE)
                .contentLength((long) filled).checksumSHA256(sha256), body(buffer, filled));
    }

    private void completeUpload() {
        String id = uploadId;
        s3.completeMultipartUpload(b -> b.overrideConfiguration(bounded).bucket(location.bucket()).key(objectKey()).uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("blob " + key + " was already " + (state == State.COMMITTED ? "committed" : "aborted"));
        }
    }

    private void releaseBuffers() {
        buffer = new byte[0];
        spares.clear();
        filled = 0;
    }

    private String objectKey() {
        return location.objectKey(key);
    }

    /** A body S3 can re-read on a retry without the SDK copying the part. */
    private static RequestBody body(byte[] bytes, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, CONTENT_TYPE);
    }

    /** Base64, the form S3's checksum headers take (the project's hex form would not do here). */
    private static String sha256(byte[] bytes, int length) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes, 0, length);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static IOException asIoException(Throwable e) {
        return S3Failures.of("S3 write", e);
    }
}
