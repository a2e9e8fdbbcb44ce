package dev.attache.storage.s3.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.admin.DataMigration;
import dev.attache.server.admin.MigrationFailedException;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.ForwardingBlobStore;
import dev.attache.server.blob.IntentRecordingBlobStore;
import dev.attache.server.blob.UploadIntents;
import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestPostgres;
import dev.attache.server.testing.TestServer;
import dev.attache.storage.s3.S3BlobStore;
import dev.attache.storage.s3.S3Settings;
import dev.attache.storage.s3.testing.S3Mock;

/**
 * A single server's data directory moved into a cluster whose node has started on PostgreSQL and an
 * S3 bucket (S3Mock) and serves meanwhile, as {@code attache admin migrate} does it.
 */
class MigrationIntoRunningClusterIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    @TempDir
    Path dir;
    Path single;
    String singleToken;
    List<String> uploads;

    @BeforeEach
    void fillASingleServer() {
        single = dir.resolve("single");
        try (TestServer server = TestServer.start(single)) {
            singleToken = server.token();
            String task = server.createTask("T");
            uploads = List.of(
                    server.uploadFile(task, "a.txt", "bytes of a".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText(),
                    server.uploadFile(task, "b.txt", "bytes of b".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText());
        }
    }

    @Test
    void theSingleServersUploadsDownloadFromTheBucketThroughTheRunningNodeWithItsToken() throws IOException {
        try (Cluster cluster = new Cluster()) {
            cluster.migrate(cluster.blobs);

            ClusterNode node = cluster.node.as(singleToken);
            for (String gid : uploads) {
                String url = node.get("/attachments/" + gid + "?opt_fields=download_url").data().get("download_url").asText();
                Reply download = ClusterNode.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
                assertThat(download.status()).isEqualTo(200);
                assertThat(download.text()).startsWith("bytes of ");
            }
            assertThat(S3.objects(cluster.settings.location())).isEqualTo(2);
        }
    }

    @Test
    void aRunWhoseStoreFailsMidwayLeavesNoObjectAndNoUploadInTheBucket() throws IOException {
        try (Cluster cluster = new Cluster()) {
            assertThatThrownBy(() -> cluster.migrate(new FailingOnSecondBlob(cluster.blobs)))
                    .isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("Nothing was migrated: ");

            assertThat(S3.objects(cluster.settings.location())).isZero();
            assertThat(S3.unfinishedUploads(cluster.settings.location())).isZero();
            assertThat(cluster.node.as(singleToken).get("/users/me").status()).isEqualTo(401);
        }
    }

    /** A fresh database and bucket prefix, with a node that started on them and seeded the database. */
    private final class Cluster implements AutoCloseable {
        final PostgresUrl url = TestPostgres.freshDatabase();
        final S3Settings settings = S3.settings("migrate-" + UUID.randomUUID());
        final ClusterNode node = ClusterNode.start(dir.resolve("node"), url, "s3://" + settings.location().bucket() + "/"
                + settings.location().prefix(), S3.endpoint(), RateLimits.NONE);
        final Database database = TestPostgres.open(url);
        final S3BlobStore s3 = S3BlobStore.open(settings);
        final BlobStore blobs = new IntentRecordingBlobStore(s3,
                new UploadIntents(database.jdbc(), Clock.systemUTC(), AdminStorage.NODE_ID), Clock.systemUTC(),
                Duration.ofMinutes(5));

        DataMigration.Report migrate(BlobStore target) throws IOException {
            try (Database embedded = Database.sqlite(single)) {
                return new DataMigration(embedded.jdbc(), FileBlobStore.open(single.resolve("blobs")), single,
                        database.jdbc(), target, line -> { }).run();
            }
        }

        @Override
        public void close() {
            node.close();
            s3.close();
            database.close();
        }
    }

    /** A target store whose second upload fails, like a store that went away midway. */
    private static final class FailingOnSecondBlob extends ForwardingBlobStore {
        private final AtomicInteger created = new AtomicInteger();

        FailingOnSecondBlob(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public BlobWriter create() throws IOException {
            if (created.incrementAndGet() == 2) {
                throw new IOException("connection to the store lost");
            }
            return super.create();
        }
    }
}
