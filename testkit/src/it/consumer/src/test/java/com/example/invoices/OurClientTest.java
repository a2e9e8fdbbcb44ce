package com.example.invoices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.client.Attachment;
import dev.attache.client.AttachmentsApi;
import dev.attache.client.PageRequest;
import dev.attache.client.ParentGid;
import dev.attache.client.Upload;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

/** A user's tests of code built on attache-client, against the testkit's server. */
@ExtendWith(AttacheExtension.class)
class OurClientTest {

    @Test
    void uploadsAnInvoiceAndListsIt(AttacheServer server) {
        ParentGid task = server.createTask("Invoices");

        Attachment invoice = server.client().createAttachmentForObject(task,
                Upload.bytes("invoice.txt", "total: 42".getBytes(StandardCharsets.UTF_8))).join();

        List<Attachment> listed = server.client().getAttachmentsForObject(task, PageRequest.all()).join().items();
        assertEquals(1, listed.size());
        assertEquals(invoice.gid(), listed.get(0).gid());
    }

    @Test
    void retriesThroughTwoRateLimitsWaitingWhatTheServerAsked(AttacheServer server) {
        ParentGid task = server.createTask("Invoices");
        server.faults().rateLimit("POST /attachments", 2, Duration.ofSeconds(3));
        List<Duration> waited = new CopyOnWriteArrayList<>();
        AttachmentsApi client = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                .sleeper(d -> {
                    waited.add(d);
                    return CompletableFuture.completedFuture(null);
                })
                .build();

        client.createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();

        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), waited);
    }

    @Test
    void resumesADownloadWhoseConnectionWasCut(AttacheServer server, @TempDir Path dir) throws Exception {
        byte[] content = new byte[512 * 1024];
        new java.util.Random(7).nextBytes(content);
        ParentGid task = server.createTask("Scans");
        Attachment scan = server.client().createAttachmentForObject(task, Upload.bytes("scan.bin", content)).join();
        server.faults().cutResponseBody("GET /download/{attachment_gid}", 1, 100_000);
        AttachmentsApi client = AttachmentsApi.builder().baseUri(server.apiBaseUri()).token(server.token())
                .sleeper(d -> CompletableFuture.completedFuture(null)).build();

        Path file = client.download(scan.gid(), dir.resolve("scan.bin")).join();

        assertArrayEquals(content, Files.readAllBytes(file));
        assertTrue(server.faults().pending().isEmpty(), "the cut happened");
    }
}
