package dev.attache.storage.s3.cluster;

import static dev.attache.storage.s3.cluster.Outages.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.db.PostgresUrl;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestPostgres;
import dev.attache.storage.s3.S3Settings;
import dev.attache.storage.s3.testing.KillableS3Mock;
import dev.attache.storage.s3.testing.S3Mock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob store killed with SIGKILL while an upload streams into it, and started again on its data:
 * meanwhile requests that need the bytes are answered 503 with {@code Retry-After} and those that need
 * only the database are answered as usual; once the store is back the very next upload is stored; every
 * upload acknowledged before downloads whole afterwards.
 *
 * <p>S3Mock is killed only while no request that rewrites its bucket index is in flight (see {@link
 * KillableS3Mock}): a kill inside that write loses the index, and with it every object, acknowledged or
 * not, which no S3 server that keeps its promises does. The upload in flight at the kill is sending its
 * parts, which S3Mock keeps apart from the index.
 */
class BlobStoreKilledIT {

    private static final int FIRST_BYTES = S3Settings.DEFAULT_PART_SIZE + (1 << 20);
    private static final int BIG_FILE_BYTES = 20 << 20;

    @TempDir
    Path dir;

    @Test
    void aKilledBlobStoreMeans503sMeanwhileAndTheNextUploadAfterItsRestartIsStored() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        try (KillableS3Mock s3 = KillableS3Mock.start(dir.resolve("s3"), "outage");
             ClusterNode node = ClusterNode.start(dir.resolve("node"), database, s3.blobStoreUri(), s3.endpoint(), RateLimits.NONE);
             S3Client plain = plainClient(s3)) {
            node.as(Bootstrap.readDevToken(node.dataDir()).orElseThrow());
            String task = node.createTask("outage");
            Outages.Acknowledged acknowledged = new Outages.Acknowledged();
            for (int i = 0; i < 5; i++) {
                byte[] content = randomBytes(10_000 + i);
                acknowledged.add(expect200(node.upload(task, "before-" + i + ".bin", content)), content);
            }

            CountDownLatch rest = new CountDownLatch(1);
            CompletableFuture<Reply> inFlight = CompletableFuture.supplyAsync(() -> bigUpload(node, task, rest));
            awaitMultipartUploadStarted(plain);
            s3.kill();
            rest.countDown();
            assertUnavailable(inFlight.get(), "blob store");

            assertUnavailable(node.upload(task, "during.bin", randomBytes(5_000)), "blob store");
            String before = acknowledged.any();
            Reply downloadDuring = ClusterNode.send(HttpRequest.newBuilder(node.onThisNode(
                    node.get("/attachments/" + before + "?opt_fields=download_url").data().get("download_url").asText())).build());
            assertUnavailable(downloadDuring, "blob store");
            assertThat(node.get("/attachments/" + before).status()).as("GET of one attachment, from the database").isEqualTo(200);
            assertThat(node.get("/attachments?parent=" + task).data()).as("the list, from the database").hasSize(5);
            assertThat(node.get("/users/me").status()).isEqualTo(200);
            Reply health = ClusterNode.send(HttpRequest.newBuilder(node.app().baseUri().resolve("/health")).build());
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("blob_store").asText()).isEqualTo("unavailable");
            assertThat(health.json().path("database").asText()).isEqualTo("ok");

            s3.start();
            long back = System.nanoTime();
            byte[] after = randomBytes(7_000);
            acknowledged.add(expect200(node.upload(task, "after.bin", after)), after);
            System.out.printf("blob store restart: first upload after it answered in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - back).toMillis());
            Reply healthAfter = ClusterNode.send(HttpRequest.newBuilder(node.app().baseUri().resolve("/health")).build());
            assertThat(healthAfter.status()).as("%s", healthAfter).isEqualTo(200);

            acknowledged.assertAllReadableFrom(node);
            assertThat(node.get("/attachments?parent=" + task).data()).as("only the acknowledged uploads").hasSize(6);
        }
    }

    /** The very first attempt must succeed: there is no retrying here. */
    private static Reply expect200(Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply;
    }

    /** A 20 MiB upload whose body stops after a part and a bit, until {@code rest} opens. */
    private static Reply bigUpload(ClusterNode node, String task, CountDownLatch rest) {
        byte[] content = randomBytes(BIG_FILE_BYTES);
        Multipart multipart = Multipart.form().field("parent", task).file("big.bin", "application/octet-stream", content);
        byte[] form = multipart.build();
        int fileStart = multipart.buildTruncated().length - content.length - 2;
        int split = fileStart + FIRST_BYTES;
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(form, 0, split),
                new HeldBack(new ByteArrayInputStream(form, split, form.length - split), rest));
        HttpRequest request = HttpRequest.newBuilder(node.api("/attachments")).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + node.token())
                .header("Content-Type", multipart.contentType())
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), form.length))
                .build();
        return ClusterNode.send(request);
    }

    /** A stream that gives nothing until a latch opens, then its source. */
    private static final class HeldBack extends InputStream {
        private final InputStream source;
        private final CountDownLatch open;

        HeldBack(InputStream source, CountDownLatch open) {
            this.source = source;
            this.open = open;
        }

        @Override
        public int read() throws IOException {
            await();
            return source.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            await();
            return source.read(b, off, len);
        }

        private void await() throws IOException {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** Until the node has started the multipart upload, S3Mock's last write to its index for it. */
    private static void awaitMultipartUploadStarted(S3Client s3) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (s3.listMultipartUploads(b -> b.bucket("outage")).uploads().isEmpty()) {
            assertThat(System.nanoTime()).as("the node started a multipart upload within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static S3Client plainClient(KillableS3Mock s3) {
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(s3.endpoint())
                .forcePathStyle(true).region(Region.of(S3Mock.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Mock.ACCESS_KEY, S3Mock.SECRET_KEY)))
                .build();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
