package dev.attache.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.attache.server.db.PostgresUrl;
import dev.attache.server.storage.BlobStoreOpener;
import dev.attache.server.storage.StorageConfig;
import dev.attache.server.storage.StorageContext;
import dev.attache.storage.s3.S3BlobStore;
import dev.attache.storage.s3.S3Settings;
import picocli.CommandLine.Option;

/**
 * Where a server keeps its data: the options {@code attache serve} and every admin command share,
 * so that both always open the same storage. Without {@code --database}, the embedded SQLite and files
 * of {@code --data-dir}; with it (and {@code --blob-store}), a cluster's PostgreSQL database and S3
 * bucket. Values are parsed here rather than by picocli so that an error never echoes a password.
 */
final class StorageOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ATTACHE_DATA_DIR:-attache-data}",
            description = "The server's data directory: database, blobs, signing secret and dev-token; the server "
                    + "may be running or stopped. With --database only scratch, the dev-token and (without --blob-store) "
                    + "the blobs every node shares (env ATTACHE_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database", paramLabel = "URL", defaultValue = "${env:ATTACHE_DATABASE}",
            description = "A PostgreSQL database shared by the nodes of a cluster: postgresql://USER[:PASSWORD]@HOST[:PORT]/DB "
                    + "or jdbc:postgresql://... (env ATTACHE_DATABASE; default: SQLite in the data dir).")
    @Nullable String database;

    @Option(names = "--blob-store", paramLabel = "URI", defaultValue = "${env:ATTACHE_BLOB_STORE}",
            description = "Where attachment bytes live: s3://BUCKET[/PREFIX]; needs --database (env ATTACHE_BLOB_STORE; "
                    + "default: files in the data dir).")
    @Nullable String blobStore;

    @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:ATTACHE_S3_ENDPOINT}",
            description = "An S3-compatible server (MinIO, Ceph, R2, ...), addressed path-style (env ATTACHE_S3_ENDPOINT; "
                    + "default: AWS). Credentials come from the AWS SDK's default chain, such as AWS_ACCESS_KEY_ID.")
    @Nullable String s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = "${env:ATTACHE_S3_REGION}",
            description = "The S3 region (env ATTACHE_S3_REGION, else AWS_REGION, else us-east-1).")
    @Nullable String s3Region;

    // The defaults are S3Settings' own (S3TimeoutOptionsTest holds them equal); written out here so that
    // the help shows them and an environment variable can stand in for them.
    @Option(names = "--s3-write-timeout", paramLabel = "DURATION", converter = CallTimeoutConverter.class,
            defaultValue = "${env:ATTACHE_S3_WRITE_TIMEOUT:-20s}",
            description = "How long one request of a write to S3 (a part of an upload, a small file, a delete) may take, "
                    + "retries included, before the store counts as unavailable and the upload is answered 503; 1s to 24h "
                    + "(env ATTACHE_S3_WRITE_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration s3WriteTimeout;

    @Option(names = "--s3-read-timeout", paramLabel = "DURATION", converter = CallTimeoutConverter.class,
            defaultValue = "${env:ATTACHE_S3_READ_TIMEOUT:-10s}",
            description = "How long a download waits on S3 for an answer, retries included, and then for each next byte "
                    + "of the file, before the store counts as unavailable: the download is answered 503, or cut off "
                    + "once its bytes are on their way; 1s to 24h (env ATTACHE_S3_READ_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration s3ReadTimeout;

    /** The database, or null for the embedded SQLite. */
    @Nullable PostgresUrl database() {
        return blank(database) ? null : PostgresUrl.parse(database.strip());
    }

    /** The blob store URI, or null for files in the data directory. */
    @Nullable URI blobStore() {
        if (blank(blobStore)) {
            return null;
        }
        try {
            return new URI(blobStore.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--blob-store " + blobStore + " is not a URI: " + e.getReason());
        }
    }

    /** Storage for admin commands, with these options. */
    StorageConfig config() {
        return new StorageConfig(dataDir, database(), blobStore(), null, null, StorageConfig.DEFAULT_ORPHAN_GRACE,
                StorageConfig.DEFAULT_SWEEP_EVERY);
    }

    /** What the storage is opened with: S3 through the AWS SDK, at the endpoint and region given. */
    StorageContext context() {
        BlobStoreOpener s3 = location -> S3BlobStore.open(s3Settings(location));
        return StorageContext.defaults().withBlobStores(s3);
    }

    /** The S3 settings for a blob store at {@code location}, with these options. */
    S3Settings s3Settings(URI location) {
        return S3Settings.resolve(location.toString(), s3Endpoint, s3Region, System.getenv())
                .withWriteCallTimeout(s3WriteTimeout)
                .withReadCallTimeout(s3ReadTimeout);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
