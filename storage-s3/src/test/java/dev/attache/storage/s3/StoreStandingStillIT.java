package dev.attache.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;
import dev.attache.storage.s3.testing.KillableS3Mock;

/**
 * A store that stands still (S3Mock stopped with SIGSTOP: connections accepted, bytes taken until the
 * buffers fill, nothing answered) while an upload goes to it. The node must answer 503 with {@code
 * Retry-After} in Asana's envelope, not hold the client until the store moves again nor blame the client
 * with a 4xx; nothing of the upload is kept, and once the store moves again the next upload is stored.
 *
 * <p>The client waits at most {@link #CLIENT_PATIENCE}, as a client or proxy in front of a node would;
 * the store's write call timeout here is far shorter, the way the default (20 s) is shorter than a
 * client's usual 30 s or more. Without that timeout the node waited as long as the store stood still,
 * and the client gave up first.
 */
class StoreStandingStillIT {

    private static final Duration WRITE_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(50);
    /** More than one part, so the upload starts a multipart upload and sends parts. */
    private static final int FILE_BYTES = S3Settings.MIN_PART_SIZE + (1 << 20);

    @TempDir
    Path dir;

    @Test
    void anUploadToAStoreThatStandsStillIsAnswered503AndTheNextOneAfterItMovesIsStored() {
        try (KillableS3Mock s3 = KillableS3Mock.start(dir.resolve("s3"), "standing-still");
             S3BlobStore store = S3BlobStore.open(S3Settings.resolve(s3.blobStoreUri(), s3.endpoint().toString(),
                     "us-east-1", Map.of()).withPartSize(S3Settings.MIN_PART_SIZE).withWriteCallTimeout(WRITE_CALL_TIMEOUT));
             TestServer server = TestServer.start(dir.resolve("node"), store)) {
            String task = server.createTask("standing still");

            Reply during;
            s3.pause();
            try {
                during = upload(server, task, "during.bin", bytes(FILE_BYTES, 1));
            } finally {
                s3.resume();
            }

            assertThat(during.status()).as("status of %s", during).isEqualTo(503);
            assertThat(during.header("Retry-After")).as("Retry-After of %s", during).isNotNull().matches("[1-9][0-9]*");
            assertThat(during.errorMessage()).startsWith("The blob store is temporarily unavailable");
            assertThat(during.json().path("errors").path(0).path("help").asText()).isNotEmpty();
            assertThat(server.get("/attachments?parent=" + task).data()).as("attachments after the 503").isEmpty();

            byte[] after = bytes(FILE_BYTES, 2);
            Reply stored = upload(server, task, "after.bin", after);
            assertThat(stored.status()).as("status of %s", stored).isEqualTo(200);
            assertThat(server.get("/attachments?parent=" + task).data()).hasSize(1);
        }
    }

    private static Reply upload(TestServer server, String task, String name, byte[] content) {
        Multipart form = Multipart.form()
                .field("parent", task).file(name, "application/octet-stream", content);
        return server.send(server.authorized(server.api("/attachments")).timeout(CLIENT_PATIENCE)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }
}
