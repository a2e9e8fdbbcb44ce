package dev.attache.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link S3BlobStore} needs to know besides credentials, which always come from the
 * AWS SDK's default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profiles, instance
 * roles). Immutable; build one with {@link #resolve} and adjust it with the {@code with…} methods.
 *
 * <pre>{@code
 * S3Settings settings = S3Settings.resolve("s3://attachments/prod", "http://127.0.0.1:9000", null, System.getenv());
 * try (S3BlobStore store = S3BlobStore.open(settings)) { ... }
 * }</pre>
 *
 * @param location         the bucket and key prefix
 * @param endpoint         an S3-compatible server to talk to instead of AWS, addressed path-style;
 *                         null for AWS itself
 * @param region           the signing region
 * @param partSize         bytes per multipart upload part
 * @param partsInFlight    how many parts of one upload may be on their way to the store at once; a
 *                         writer holds at most {@code partsInFlight + 1} parts in memory
 * @param staleUploadAfter how old an unfinished multipart upload must be before {@link
 *                         S3BlobStore#deleteTemporaries()} aborts it; longer than any live upload can
 *                         take, since other nodes may be writing to the same bucket
 * @param writeCallTimeout how long one request of a write (a part, a whole small object, the start,
 *                         completion or abort of a multipart upload, the delete of a blob) may take,
 *                         retries included, before the store counts as unavailable and the upload is
 *                         answered 503
 * @param readCallTimeout  how long a read may wait on the store: for the answer to one request (the HEAD
 *                         that opens a blob, the GET of a range), retries included, and then for each
 *                         next byte of the body; past it the store counts as unavailable, and a download
 *                         is answered 503 or, once its bytes are on their way, cut off
 */
public record S3Settings(S3Location location, @Nullable URI endpoint, String region, int partSize,
                         int partsInFlight, Duration staleUploadAfter, Duration writeCallTimeout,
                         Duration readCallTimeout) {

    /** The region when neither the setting nor {@code AWS_REGION} names one. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** S3 refuses parts below 5 MiB, except the last. */
    public static final int MIN_PART_SIZE = 5 << 20;
    /** Few enough parts for 100 MB that a slow store still keeps up. */
    public static final int DEFAULT_PART_SIZE = 8 << 20;
    /**
     * Parts sent at once. One, while the node waits on the store's answers with the client's body unread:
     * with three in flight a starved store twice held a request past Jetty's idle timeout, and the upload
     * was answered 400 (docs/benchmarks-history.md, "Through a cluster node"). More helps a fast store, within
     * {@code (partsInFlight + 1) * partSize} of heap per upload.
     */
    public static final int DEFAULT_PARTS_IN_FLIGHT = 1;
    /** A day: far longer than an upload can stall before the server gives up on it. */
    public static final Duration DEFAULT_STALE_UPLOAD_AFTER = Duration.ofDays(1);
    /**
     * Twenty seconds. A store that has not taken one part (at most {@link #DEFAULT_PART_SIZE} bytes) in that
     * long is not answering; without a bound the node waited on it for as long as the store stood still
     * (socket writes have no timeout) while the client's upload sat unanswered. Shorter than the 30 s
     * that clients and proxies commonly allow between two bytes, so the client hears 503 and
     * {@code Retry-After} from the node instead of timing out on its own.
     */
    public static final Duration DEFAULT_WRITE_CALL_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Ten seconds. A read sends no body, so a store that answers at all answers its headers, and then each
     * next piece of the body, within milliseconds; waiting ten seconds on silence leaves a wide margin for a
     * busy store. Half of {@link #DEFAULT_WRITE_CALL_TIMEOUT}, and a third of the 30 s that clients and
     * proxies commonly allow between two bytes: a download from a store that stands still is answered 503
     * with {@code Retry-After} (or cut off, once its bytes are on their way) while the client still listens,
     * with time left for its retry. Without a bound the node waited for the AWS SDK's socket timeout
     * (60 s) on every attempt, retries included.
     */
    public static final Duration DEFAULT_READ_CALL_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** The largest part S3 accepts is 5 GiB; a part lives in one array, so an int is the real limit here. */
    private static final int MAX_PART_SIZE = 256 << 20;

    public S3Settings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(staleUploadAfter, "staleUploadAfter");
        Objects.requireNonNull(writeCallTimeout, "writeCallTimeout");
        Objects.requireNonNull(readCallTimeout, "readCallTimeout");
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("s3-region: \"" + region + "\" is not a region name");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " and " + MAX_PART_SIZE
                    + " bytes, was " + partSize);
        }
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("partsInFlight must be at least 1, was " + partsInFlight);
        }
        if (staleUploadAfter.isNegative() || staleUploadAfter.isZero()) {
            throw new IllegalArgumentException("staleUploadAfter must be positive, was " + staleUploadAfter);
        }
        if (writeCallTimeout.isNegative() || writeCallTimeout.isZero()) {
            throw new IllegalArgumentException("writeCallTimeout must be positive, was " + writeCallTimeout);
        }
        // It becomes the HTTP client's socket timeout: whole milliseconds in an int, where 0 would mean none.
        if (readCallTimeout.compareTo(Duration.ofMillis(1)) < 0 || readCallTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("readCallTimeout must be between 1ms and " + Duration.ofMillis(Integer.MAX_VALUE)
                    + ", was " + readCallTimeout);
        }
    }

    /**
     * Settings from the three user-facing values, with the default part size and grace period.
     *
     * @param blobStore   {@code s3://BUCKET[/PREFIX]} (setting {@code blob-store})
     * @param endpoint    an http or https URL of an S3-compatible server (setting {@code s3-endpoint}),
     *                    or null for AWS
     * @param region      the region (setting {@code s3-region}), or null for {@code AWS_REGION} from
     *                    {@code env}, else {@value #DEFAULT_REGION}
     * @param env         the environment to read {@code AWS_REGION} from, usually {@code System.getenv()}
     * @throws IllegalArgumentException naming the setting that is malformed
     */
    public static S3Settings resolve(String blobStore, @Nullable String endpoint, @Nullable String region,
                                     Map<String, String> env) {
        S3Location location = S3Location.parse(blobStore);
        URI endpointUri = endpoint == null || endpoint.isBlank() ? null : parseEndpoint(endpoint.strip());
        String resolvedRegion = firstNonBlank(region, env.get("AWS_REGION")).orElse(DEFAULT_REGION);
        return new S3Settings(location, endpointUri, resolvedRegion, DEFAULT_PART_SIZE, DEFAULT_PARTS_IN_FLIGHT,
                DEFAULT_STALE_UPLOAD_AFTER, DEFAULT_WRITE_CALL_TIMEOUT, DEFAULT_READ_CALL_TIMEOUT);
    }

    /** These settings with another part size, at least {@link #MIN_PART_SIZE}. */
    public S3Settings withPartSize(int bytes) {
        return new S3Settings(location, endpoint, region, bytes, partsInFlight, staleUploadAfter, writeCallTimeout, readCallTimeout);
    }

    /** These settings with another number of parts sent at once, at least 1. */
    public S3Settings withPartsInFlight(int parts) {
        return new S3Settings(location, endpoint, region, partSize, parts, staleUploadAfter, writeCallTimeout, readCallTimeout);
    }

    /** These settings with another grace period for unfinished multipart uploads. */
    public S3Settings withStaleUploadAfter(Duration age) {
        return new S3Settings(location, endpoint, region, partSize, partsInFlight, age, writeCallTimeout, readCallTimeout);
    }

    /** These settings with the same endpoint and region but another location, for example a new prefix. */
    public S3Settings withLocation(S3Location other) {
        return new S3Settings(other, endpoint, region, partSize, partsInFlight, staleUploadAfter, writeCallTimeout, readCallTimeout);
    }

    /** These settings with another bound on each request of a write. */
    public S3Settings withWriteCallTimeout(Duration timeout) {
        return new S3Settings(location, endpoint, region, partSize, partsInFlight, staleUploadAfter, timeout, readCallTimeout);
    }

    /** These settings with another bound on each request of a read and on each wait for more of its body. */
    public S3Settings withReadCallTimeout(Duration timeout) {
        return new S3Settings(location, endpoint, region, partSize, partsInFlight, staleUploadAfter, writeCallTimeout,
                timeout);
    }

    private static URI parseEndpoint(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("s3-endpoint: not a URL (" + e.getReason() + ")");
        }
    }

    private static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("s3-endpoint: must be an http:// or https:// URL");
        }
        if (endpoint.getRawUserInfo() != null) {
            // Never echo the value: it may hold a password. Credentials come from the SDK's chain.
            throw new IllegalArgumentException("s3-endpoint: must not carry credentials; use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("s3-endpoint: \"" + endpoint + "\" has no host");
        }
        String path = endpoint.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("s3-endpoint: \"" + endpoint + "\" must be scheme://host[:port] with no path or query");
        }
    }

    private static Optional<String> firstNonBlank(@Nullable String a, @Nullable String b) {
        if (a != null && !a.isBlank()) {
            return Optional.of(a.strip());
        }
        if (b != null && !b.isBlank()) {
            return Optional.of(b.strip());
        }
        return Optional.empty();
    }
}
