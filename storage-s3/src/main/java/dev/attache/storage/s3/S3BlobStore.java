package dev.attache.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects in one bucket under one key prefix, in S3 or any S3-compatible store. A writer
 * sends a small blob as one {@code PutObject} and a large one as a multipart upload it drives part by
 * part, each part checked by S3 against the SHA-256 the writer computed; either way the object
 * exists only once {@link BlobWriter#commit()} has returned, and an aborted or failed write aborts its
 * multipart upload. Reads are ranged {@code GetObject}s, bounded by {@link S3Settings#readCallTimeout()} both
 * while they wait for the store's answer and while its body streams. Several nodes may share one bucket and prefix.
 * Thread-safe; close it to release its HTTP connections and upload thread.
 *
 * <pre>{@code
 * S3Settings settings = S3Settings.resolve("s3://attachments", System.getenv("ATTACHE_S3_ENDPOINT"), null, System.getenv());
 * try (S3BlobStore store = S3BlobStore.open(settings)) {
 *     BlobWriter writer = store.create();
 *     ...
 * }
 * }</pre>
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    /** For HEAD and GET of blobs: its socket timeout is the read call timeout. */
    private final S3Client reads;
    /** Bounds the wait for a read's answer, retries included. */
    private final AwsRequestOverrideConfiguration readBound;
    /** Bounds a delete, retries included, as the writer bounds each of its requests. */
    private final AwsRequestOverrideConfiguration writeBound;
    private final S3Settings settings;
    private final Clock clock;
    private final ExecutorService uploads;
    private final SecureRandom random = new SecureRandom();

    private S3BlobStore(S3Client s3, S3Client reads, S3Settings settings, Clock clock) {
        this.s3 = s3;
        this.reads = reads;
        this.readBound = AwsRequestOverrideConfiguration.builder().apiCallTimeout(settings.readCallTimeout()).build();
        this.writeBound = AwsRequestOverrideConfiguration.builder().apiCallTimeout(settings.writeCallTimeout()).build();
        this.settings = settings;
        this.clock = clock;
        this.uploads = Executors.newCachedThreadPool(new UploadThreads());
    }

    /**
     * A store for the settings, with credentials from the AWS SDK's default chain. Sends no request:
     * use {@link #isHealthy()} to see whether the bucket answers.
     */
    public static S3BlobStore open(S3Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * As {@link #open(S3Settings)}, judging the age of unfinished multipart uploads by {@code clock}.
     */
    public static S3BlobStore open(S3Settings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new S3BlobStore(client(settings, Duration.ofSeconds(60)), client(settings, settings.readCallTimeout()),
                settings, clock);
    }

    /**
     * A client whose every socket read waits at most {@code socketTimeout} for the next byte. Reads get a
     * client of their own for that bound: the SDK's call timeouts end when a GET's headers arrive, so the
     * socket timeout is the only one that watches the body as it streams, and writes keep a longer one,
     * since a store may take a while to check a whole part before it answers.
     */
    private static S3Client client(S3Settings settings, Duration socketTimeout) {
        S3ClientBuilder builder = S3Client.builder()
                // The JDK's HttpURLConnection: no extra jars, and it streams a part of known length
                // without buffering it again.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(socketTimeout))
                .region(Region.of(settings.region()))
                // Since SDK 2.30 every request gets a CRC32 in an aws-chunked trailer, which many
                // S3-compatible stores refuse; the writer sends its own SHA-256 per part instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain HTTP the SDK otherwise sends each part aws-chunked, signing every 128 KiB
                // with a SHA-256 of its own, and the store must decode the chunks: a second hash of
                // every byte on the node, seen in a profile. Unchunked, the signature covers the
                // part's payload hash; the part's own SHA-256 header is checked as before.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }

    /** Where this store keeps its blobs. */
    public S3Location location() {
        return settings.location();
    }

    @Override
    public BlobWriter create() {
        return new S3BlobWriter(s3, settings.location(), newKey(), settings.partSize(), settings.partsInFlight(),
                settings.writeCallTimeout(), uploads);
    }

    @Override
    public Optional<Blob> open(String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        try {
            HeadObjectResponse head = reads.headObject(b -> b.overrideConfiguration(readBound).bucket(bucket()).key(objectKey(key)));
            return Optional.of(new S3Blob(key, head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Failures.of("S3 HEAD " + objectKey(key), e);
        } catch (SdkException e) {
            throw S3Failures.of("S3 HEAD " + objectKey(key), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            return;
        }
        try {
            // Bounded like a write: an attachment's DELETE waits on it, and a store that stands still would
            // otherwise hold that request for the socket timeout on each of the SDK's attempts. The row is
            // gone by then; bytes left behind are the sweep's.
            s3.deleteObject(b -> b.overrideConfiguration(writeBound).bucket(bucket()).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            // Already gone: S3 itself answers 204, but some compatible stores answer 404.
        } catch (SdkException e) {
            throw S3Failures.of("S3 DELETE " + objectKey(key), e);
        }
    }

    @Override
    public void forEach(Consumer<StoredBlob> consumer) throws IOException {
        String prefix = settings.location().prefix();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents()) {
                String key = object.key().substring(prefix.length());
                if (KEY.matcher(key).matches()) {
                    consumer.accept(new StoredBlob(key, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of("S3 list of " + settings.location(), e);
        }
    }

    /**
     * Aborts unfinished multipart uploads of this store that started more than {@link
     * S3Settings#staleUploadAfter()} ago: writers that died with their node. Younger ones are left
     * alone, since another node may still be writing them. Small writes never reach S3 before they
     * commit, so they leave nothing to remove.
     */
    @Override
    public int deleteTemporaries() throws IOException {
        String prefix = settings.location().prefix();
        Instant staleBefore = clock.instant().minus(settings.staleUploadAfter());
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket()).prefix(prefix)).uploads()) {
                boolean ours = KEY.matcher(upload.key().substring(prefix.length())).matches();
                if (ours && upload.initiated() != null && upload.initiated().isBefore(staleBefore)) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket()).key(upload.key()).uploadId(upload.uploadId()));
                    aborted++;
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of("S3 sweep of unfinished uploads in " + settings.location(), e);
        }
        return aborted;
    }

    /**
     * Lists unfinished multipart uploads of this store, dated by when they started: a cluster's sweep
     * aborts those whose upload intent went silent, however young or old, and spares live ones.
     */
    @Override
    public void forEachPartial(Consumer<StoredBlob> consumer) throws IOException {
        String prefix = settings.location().prefix();
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket()).prefix(prefix)).uploads()) {
                String key = upload.key().substring(prefix.length());
                if (KEY.matcher(key).matches() && upload.initiated() != null) {
                    consumer.accept(new StoredBlob(key, 0, upload.initiated()));
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of("S3 list of unfinished uploads in " + settings.location(), e);
        }
    }

    /** Aborts the unfinished multipart uploads under a key. */
    @Override
    public void deletePartial(String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            return;
        }
        String objectKey = objectKey(key);
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket()).prefix(objectKey)).uploads()) {
                if (upload.key().equals(objectKey)) {
                    s3.abortMultipartUpload(b -> b.bucket(bucket()).key(objectKey).uploadId(upload.uploadId()));
                }
            }
        } catch (SdkException e) {
            throw S3Failures.of("S3 abort of unfinished uploads of " + objectKey, e);
        }
    }

    @Override
    public boolean isHealthy() {
        try {
            s3.headBucket(b -> b.bucket(bucket()).overrideConfiguration(c -> c.apiCallTimeout(HEALTH_TIMEOUT)));
            return true;
        } catch (SdkException e) {
            LOG.debug("S3 bucket {} does not answer: {}", bucket(), e.getMessage());
            return false;
        }
    }

    /** Releases the HTTP connections and the upload thread; writers still open fail. */
    @Override
    public void close() {
        uploads.shutdown();
        s3.close();
        reads.close();
    }

    private String bucket() {
        return settings.location().bucket();
    }

    private String objectKey(String key) {
        return settings.location().objectKey(key);
    }

    private String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private final class S3Blob implements Blob {

        private final String key;
        private final long size;

        S3Blob(String key, long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream openRange(long offset, long length) throws IOException {
            if (length == 0) {
                // A Range of zero bytes cannot be written; there is nothing to fetch.
                return InputStream.nullInputStream();
            }
            String range = "bytes=" + offset + "-" + (offset + length - 1);
            try {
                ResponseInputStream<GetObjectResponse> body = reads.getObject(
                        b -> b.overrideConfiguration(readBound).bucket(bucket()).key(objectKey(key)).range(range));
                return new RangeBody(body, length, "S3 GET " + objectKey(key) + " " + range);
            } catch (NoSuchKeyException e) {
                throw new NoSuchFileException(objectKey(key), null, "deleted while being opened");
            } catch (SdkException e) {
                throw S3Failures.of("S3 GET " + objectKey(key) + " " + range, e);
            }
        }
    }

    private static final class UploadThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "s3-upload-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
