package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.Fields;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import dev.attache.client.Field;

/** Cut connections as a client sees them: no status at all, only a connection that goes away. */
@ExtendWith(AttacheExtension.class)
class CutConnectionTest {

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void anUploadCutMidBodyFailsWithAnIoErrorAndStoresNothing(AttacheServer server) {
        ParentGid task = server.createTask("t");
        server.faults().cutRequestBody("POST /attachments", 1, 64 * 1024);

        assertThatThrownBy(() -> Http.upload(server, task, "big.bin", randomBytes(4 * 1024 * 1024)))
                .isInstanceOf(IOException.class);
        assertThat(server.client().getAttachmentsForObject(task, PageRequest.all()).join().items()).isEmpty();
    }

    @Test
    void theNextUploadAfterACutGoesThrough(AttacheServer server) throws Exception {
        ParentGid task = server.createTask("t");
        server.faults().cutRequestBody("POST /attachments", 1, 0);

        assertThatThrownBy(() -> Http.upload(server, task, "a.bin", randomBytes(256 * 1024))).isInstanceOf(IOException.class);
        assertThat(Http.upload(server, task, "a.bin", randomBytes(256 * 1024)).statusCode()).isEqualTo(200);
    }

    @Test
    void aDownloadCutMidBodyEndsEarly(AttacheServer server) throws Exception {
        URI url = uploadedDownloadUrl(server, randomBytes(1024 * 1024));
        server.faults().cutResponseBody("GET /download/{attachment_gid}", 1, 1000);

        assertThatThrownBy(() -> Http.get(url)).isInstanceOf(IOException.class);
        assertThat(Http.get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void ourClientResumesADownloadCutMidBody(AttacheServer server, @TempDir Path dir) throws Exception {
        byte[] content = randomBytes(1024 * 1024);
        ParentGid task = server.createTask("t");
        String gid = server.client().createAttachmentForObject(task,
                dev.attache.client.Upload.bytes("big.bin", content)).join().gid().value();
        server.faults().cutResponseBody("GET /download/{attachment_gid}", 1, 300 * 1024);
        AttachmentsApi client = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                .sleeper(d -> CompletableFuture.completedFuture(null)).build();

        Path file = client.download(AttachmentGid.of(gid), dir.resolve("big.bin")).join();

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(server.faults().pending()).isEmpty();
    }

    private static URI uploadedDownloadUrl(AttacheServer server, byte[] content) {
        ParentGid task = server.createTask("t");
        String gid = server.client().createAttachmentForObject(task,
                dev.attache.client.Upload.bytes("big.bin", content)).join().gid().value();
        return server.client().getAttachment(AttachmentGid.of(gid), Fields.of(Field.DOWNLOAD_URL)).join().downloadUrl();
    }
}
