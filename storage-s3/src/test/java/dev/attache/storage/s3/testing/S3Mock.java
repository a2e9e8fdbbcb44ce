package dev.attache.storage.s3.testing;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.attache.storage.s3.S3Location;
import dev.attache.storage.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for a test class: Adobe S3Mock, started once per test JVM in a process
 * of its own and stopped when the JVM's tests are done, with a fresh bucket for each class that
 * registers it (emptied and removed after the class).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3Mock S3 = new S3Mock();
 *
 * S3BlobStore store = S3BlobStore.open(S3.settings("node-a"));
 * new ProcessBuilder(...).environment().putAll(S3.environment());
 * }</pre>
 *
 * The module running the test declares {@code maven-dependency-plugin} and {@code
 * maven-failsafe-plugin} in its pom (the root pom configures both: they fetch the S3Mock jar and set
 * credentials that S3Mock accepts), and names the test {@code *IT}.
 */
public final class S3Mock implements BeforeAllCallback, AfterAllCallback {

    /** S3Mock checks no credentials; these are the ones the build's failsafe configuration sets too. */
    public static final String ACCESS_KEY = "attache-test";
    public static final String SECRET_KEY = "attache-test";
    public static final String REGION = "us-east-1";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3Mock.class);

    private S3MockProcess process;
    private S3Client client;
    private String bucket;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives as long as the test run and closes its AutoCloseable values at the end.
        process = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(S3MockProcess.class, k -> S3MockProcess.start(), S3MockProcess.class);
        client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(process.endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        bucket = bucketName(context.getRequiredTestClass());
        try {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException retried) {
            // On a loaded machine the first attempt can time out after S3Mock made the bucket; the SDK's
            // retry then finds it there. The name is this class's own, so the bucket is the one asked for.
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client == null) {
            return;
        }
        try {
            empty();
            client.deleteBucket(b -> b.bucket(bucket));
        } finally {
            client.close();
        }
    }

    /** S3Mock's plain-HTTP endpoint. */
    public URI endpoint() {
        return process.endpoint();
    }

    /** This class's bucket. */
    public String bucket() {
        return bucket;
    }

    /** {@code s3://BUCKET/PREFIX}, or {@code s3://BUCKET} for an empty prefix. */
    public String blobStoreUri(String prefix) {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }

    /** Settings for a store in this class's bucket under a prefix (empty for none), on S3Mock. */
    public S3Settings settings(String prefix) {
        return S3Settings.resolve(blobStoreUri(prefix), endpoint().toString(), REGION, Map.of());
    }

    /**
     * The environment a server process needs to keep its blobs in this class's bucket: {@code
     * ATTACHE_BLOB_STORE}, {@code ATTACHE_S3_ENDPOINT}, {@code ATTACHE_S3_REGION} and the AWS credentials.
     */
    public Map<String, String> environment(String prefix) {
        return Map.of("ATTACHE_BLOB_STORE", blobStoreUri(prefix),
                "ATTACHE_S3_ENDPOINT", endpoint().toString(),
                "ATTACHE_S3_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_REGION", REGION);
    }

    /** A client for looking behind a store's back: listing objects and unfinished uploads. Closed after the class. */
    public S3Client client() {
        return client;
    }

    /** How many unfinished multipart uploads exist under a location. */
    public int unfinishedUploads(S3Location location) {
        int count = 0;
        for (MultipartUpload ignored : client.listMultipartUploadsPaginator(b -> b.bucket(location.bucket())
                .prefix(location.prefix())).uploads()) {
            count++;
        }
        return count;
    }

    /** How many objects exist under a location, whatever their names. */
    public int objects(S3Location location) {
        int count = 0;
        for (S3Object ignored : client.listObjectsV2Paginator(b -> b.bucket(location.bucket())
                .prefix(location.prefix())).contents()) {
            count++;
        }
        return count;
    }

    private void empty() {
        for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads()) {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
        }
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            client.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
    }

    private static String bucketName(Class<?> testClass) {
        String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String base = "t-" + name;
        return (base.length() > 50 ? base.substring(0, 50) : base) + "-" + suffix;
    }
}
