package dev.attache.storage.s3.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.storage.Storage;
import dev.attache.server.storage.StorageConfig;
import dev.attache.server.storage.StorageContext;
import dev.attache.server.testing.PartialUpload;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestPostgres;
import dev.attache.storage.s3.S3BlobStore;
import dev.attache.storage.s3.S3Location;
import dev.attache.storage.s3.S3Settings;
import dev.attache.storage.s3.testing.S3Mock;

/**
 * A node killed with SIGKILL in the middle of an upload: no attachment appears, the other nodes keep
 * serving, and the cluster's sweep later removes every byte the dead upload left in the bucket.
 */
class NodeKilledMidUploadIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidUploadLeavesNothingAndTheOthersKeepServing() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        String prefix = "killed-" + UUID.randomUUID();
        String bucket = S3.blobStoreUri(prefix);
        S3Location location = S3Location.parse(bucket);
        ClusterNode a = ClusterNode.start(dir.resolve("a"), database, bucket, S3.endpoint(), RateLimits.NONE);
        ClusterNode b = ClusterNode.start(dir.resolve("b"), database, bucket, S3.endpoint(), RateLimits.NONE);
        Process c = NodeProcesses.start(ClusterNodeProcess.class, dir.resolve("c"), database, bucket, S3.endpoint());
        try (a; b; Database watcher = Database.postgresql(database); Connection listening = watcher.dataSource().getConnection()) {
            String token = Bootstrap.readDevToken(a.app().seeded() ? a.dataDir() : b.dataDir()).orElseThrow();
            a.as(token);
            b.as(token);
            String task = a.createTask("crash");
            NodeProcesses.listenForUploadIntents(listening);
            int port = NodeProcesses.awaitPort(c);

            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream upload = PartialUpload.start(socket, task, token, 30_000_000L, 1000);
                NodeProcesses.awaitUploadIntent(listening, "the node recorded an upload intent before its first byte");
                upload.write(new byte[S3Settings.DEFAULT_PART_SIZE + 1_000_000]);
                upload.flush();
                c.destroyForcibly();
                assertThat(c.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(a.get("/attachments?parent=" + task).data()).as("no attachment from the dead upload").isEmpty();
            String kept = b.upload(task, "after.txt", "still serving".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();
            String url = a.get("/attachments/" + kept + "?opt_fields=download_url").data().get("download_url").asText();
            assertThat(ClusterNode.send(HttpRequest.newBuilder(b.onThisNode(url)).build()).text()).isEqualTo("still serving");

            assertThat(watcher.jdbc().query("SELECT blob_key FROM upload_intents", rs -> rs.getString(1)))
                    .as("the dead upload's intent, which guards its bytes until the grace period ends").hasSize(1);

            collectGarbageAfterTheGracePeriod(database, bucket);

            assertThat(S3.unfinishedUploads(location)).as("unfinished multipart uploads").isZero();
            assertThat(S3.objects(location)).as("objects: only the upload made after the crash").isEqualTo(1);
            assertThat(watcher.jdbc().query("SELECT blob_key FROM upload_intents", rs -> rs.getString(1))).isEmpty();
            Reply listed = b.get("/attachments?parent=" + task);
            assertThat(listed.data()).extracting(n -> n.get("gid").asText()).containsExactly(kept);
        } finally {
            c.destroyForcibly();
        }
    }

    /** The sweep as an operator's 'attache admin gc' runs it, with a clock past the grace period. */
    private void collectGarbageAfterTheGracePeriod(PostgresUrl database, String bucket) throws IOException {
        Clock later = Clock.offset(Clock.systemUTC(), StorageConfig.DEFAULT_ORPHAN_GRACE.plus(Duration.ofMinutes(5)));
        StorageConfig config = new StorageConfig(dir.resolve("admin"), database, URI.create(bucket), null, null,
                StorageConfig.DEFAULT_ORPHAN_GRACE, StorageConfig.DEFAULT_SWEEP_EVERY);
        StorageContext context = StorageContext.defaults().withClock(later).withBlobStores(location ->
                S3BlobStore.open(S3Settings.resolve(location.toString(), S3.endpoint().toString(), "us-east-1", java.util.Map.of())));
        try (AdminStorage admin = Storage.openForAdmin(config, context)) {
            admin.collector().collect();
        }
    }
}
