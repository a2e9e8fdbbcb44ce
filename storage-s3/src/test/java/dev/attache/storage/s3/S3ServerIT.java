package dev.attache.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;
import dev.attache.storage.s3.testing.S3Mock;

/** The real server over real HTTP with its bytes in S3Mock: uploads, downloads and deletes keep their promises. */
class S3ServerIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    /** More than one part, so uploads go through a multipart upload. */
    private static final int LARGE = S3Settings.MIN_PART_SIZE + 123_457;

    @TempDir
    Path dir;

    private S3BlobStore store;
    private TestServer server;

    @BeforeEach
    void start() {
        store = S3BlobStore.open(S3.settings("server-" + UUID.randomUUID()).withPartSize(S3Settings.MIN_PART_SIZE));
        server = TestServer.start(dir, store);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void uploadedFileIsOneObjectInTheBucketAndDownloadsWhole() {
        byte[] content = bytes(LARGE);

        Reply created = server.uploadFile(server.createTask("s3"), "big.bin", content);

        assertThat(created.status()).isEqualTo(200);
        assertThat(S3.objects(store.location())).isEqualTo(1);
        assertThat(S3.unfinishedUploads(store.location())).isZero();
        assertThat(download(created, null).body()).isEqualTo(content);
    }

    @Test
    void rangeDownloadIsServedFromTheObject() {
        byte[] content = bytes(LARGE);
        Reply created = server.uploadFile(server.createTask("s3"), "big.bin", content);

        Reply part = download(created, "bytes=5242000-5243000");

        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 5_242_000, 5_243_001));
    }

    @Test
    void deletedAttachmentTakesItsObjectWithIt() {
        Reply created = server.uploadFile(server.createTask("s3"), "small.txt", bytes(1_000));

        Reply deleted = server.delete("/attachments/" + created.data().get("gid").asText());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(S3.objects(store.location())).isZero();
    }

    @Test
    void uploadCutOffMidwayIsRefusedAndLeavesNothingInTheBucket() {
        String task = server.createTask("s3");
        Multipart form = Multipart.form().field("parent", task).file("cut.bin", "application/octet-stream", bytes(LARGE));

        Reply r = server.send(server.authorized(server.api("/attachments")).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.buildTruncated())).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
        assertThat(S3.objects(store.location())).isZero();
        assertThat(S3.unfinishedUploads(store.location())).isZero();
    }

    @Test
    void healthAsksTheBucket() {
        Reply health = server.send(HttpRequest.newBuilder(server.root("/health")).build());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("blob_store").asText()).isEqualTo("ok");
    }

    private Reply download(Reply created, String range) {
        String url = server.get("/attachments/" + created.data().get("gid").asText() + "?opt_fields=download_url")
                .data().get("download_url").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            request.header("Range", range);
        }
        return server.send(request.build());
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        return data;
    }
}
