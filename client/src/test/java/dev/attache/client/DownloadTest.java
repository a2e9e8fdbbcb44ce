package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.Recorded;
import dev.attache.client.testing.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {

    private final Fixture f = new Fixture();
    private final ScriptedServer files = new ScriptedServer();
    private final AttachmentGid gid = AttachmentGid.of("7");
    private final byte[] data = new byte[100_000];

    @TempDir
    Path dir;

    DownloadTest() {
        new Random(7).nextBytes(data);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        files.close();
    }

    private void apiAnswersWithDownloadUrl(long size) {
        f.server.enqueue(Actions.ok("{\"gid\":\"7\",\"name\":\"a.bin\",\"size\":" + size
                + ",\"download_url\":\"" + files.url("/download/7?sig=abc") + "\"}"));
    }

    private static ScriptedServer.Action rangeAnswer(byte[] data) {
        return ex -> {
            ex.recordHeadOnly();
            long from = Long.parseLong(ex.header("Range").replace("bytes=", "").replace("-", ""));
            byte[] rest = Arrays.copyOfRange(data, (int) from, data.length);
            ex.respond(206, Map.of("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length), rest);
        };
    }

    @Test
    void downloadWritesTheBytesToTheTarget() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.bytes(200, Map.of(), data));

        Path target = f.api().download(gid, dir.resolve("a.bin")).join();

        assertThat(target).hasBinaryContent(data);
    }

    @Test
    void downloadAsksTheApiForAFreshDownloadUrlNameSizeAndSubtype() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.bytes(200, Map.of(), data));

        f.api().download(gid, dir.resolve("a.bin")).join();

        assertThat(f.server.requests().get(0).target())
                .isEqualTo("/api/1.0/attachments/7?opt_fields=download_url,name,resource_subtype,size");
    }

    @Test
    void downloadNeverSendsTheTokenToTheDownloadHost() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.bytes(200, Map.of(), data));

        f.api().download(gid, dir.resolve("a.bin")).join();

        assertThat(files.requests()).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEmpty());
    }

    @Test
    void droppedDownloadResumesWithRangeFromTheLastByteWritten() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(200, Map.of(), data.length, Arrays.copyOf(data, 40_000));
        }, rangeAnswer(data));

        Path target = f.api().download(gid, dir.resolve("a.bin")).join();

        assertThat(target).hasBinaryContent(data);
        assertThat(files.requests()).extracting(r -> r.header("Range").orElse("none"))
                .containsExactly("none", "bytes=40000-");
    }

    @Test
    void serverThatIgnoresRangeOnResumeStillYieldsTheRightBytes() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(200, Map.of(), data.length, Arrays.copyOf(data, 40_000));
        }, Actions.bytes(200, Map.of(), data));

        Path target = f.api().download(gid, dir.resolve("a.bin")).join();

        assertThat(target).hasBinaryContent(data);
    }

    @Test
    void errorFromTheDownloadHostIsParsedAndNeverWrittenToDisk() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.error(403, "download: Link expired"));
        Path target = dir.resolve("a.bin");

        assertThatThrownBy(() -> f.api().download(gid, target).join())
                .cause().isInstanceOf(ForbiddenException.class).hasMessage("GET /download/7 -> 403: download: Link expired");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void downloadLongerThanTheReportedSizeFails() {
        apiAnswersWithDownloadUrl(data.length - 1);
        files.enqueue(Actions.bytes(200, Map.of(), data));

        assertThatThrownBy(() -> f.api().download(gid, dir.resolve("a.bin")).join())
                .cause().isInstanceOf(AsanaTransportException.class).hasMessageContaining("download ended after");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void streamingDownloadResumesIntoTheSameOutputStream() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(200, Map.of(), data.length, Arrays.copyOf(data, 1234));
        }, rangeAnswer(data));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long n = f.api().download(gid, out, ProgressListener.none()).join();

        assertThat(n).isEqualTo(data.length);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void progressEndsAtTheFullSize() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.bytes(200, Map.of(), data));
        long[] last = {0, 0};

        f.api().download(gid, dir.resolve("a.bin"), (bytes, total) -> {
            last[0] = bytes;
            last[1] = total;
        }).join();

        assertThat(last).containsExactly(data.length, data.length);
    }

    @Test
    void downloadOfMissingAttachmentFailsWithNotFound() {
        f.server.enqueue(Actions.error(404, "attachment: Not a recognized ID: 7"));

        assertThatThrownBy(() -> f.api().download(gid, dir.resolve("a.bin")).join())
                .cause().isInstanceOf(NotFoundException.class);
        assertThat(files.requests()).extracting(Recorded::method).isEmpty();
    }

    @Test
    void resumeDownloadAsksOnlyForTheBytesThePartFileLacks() throws Exception {
        Files.write(dir.resolve("a.bin.part"), Arrays.copyOf(data, 30_000));
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(rangeAnswer(data));

        f.api().resumeDownload(gid, dir.resolve("a.bin"), ProgressListener.none()).join();

        assertThat(files.requests()).extracting(r -> r.header("Range").orElse("none")).containsExactly("bytes=30000-");
    }

    @Test
    void resumeDownloadCompletesThePartFileIntoTheTarget() throws Exception {
        Files.write(dir.resolve("a.bin.part"), Arrays.copyOf(data, 30_000));
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(rangeAnswer(data));

        Path target = f.api().resumeDownload(gid, dir.resolve("a.bin"), ProgressListener.none()).join();

        assertThat(target).hasBinaryContent(data);
        assertThat(dir.resolve("a.bin.part")).doesNotExist();
    }

    @Test
    void resumeDownloadStartsAfreshWhenThePartFileIsLongerThanTheAttachment() throws Exception {
        Files.write(dir.resolve("a.bin.part"), new byte[data.length + 1]);
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.bytes(200, Map.of(), data));

        Path target = f.api().resumeDownload(gid, dir.resolve("a.bin"), ProgressListener.none()).join();

        assertThat(target).hasBinaryContent(data);
    }

    @Test
    void resumeDownloadKeepsThePartFileWhenTheDownloadFails() throws Exception {
        Files.write(dir.resolve("a.bin.part"), Arrays.copyOf(data, 30_000));
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.bytes(403, Map.of(), "{\"errors\":[{\"message\":\"expired\"}]}".getBytes()));

        assertThatThrownBy(() -> f.api().resumeDownload(gid, dir.resolve("a.bin"), ProgressListener.none()).join())
                .hasCauseInstanceOf(ForbiddenException.class);
        assertThat(Files.size(dir.resolve("a.bin.part"))).isEqualTo(30_000);
    }

    @Test
    void droppedDownloadWaitsTheJitteredBackoffOfTheRetryPolicyBeforeResuming() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(200, Map.of(), data.length, Arrays.copyOf(data, 40_000));
        }, rangeAnswer(data));

        f.api().download(gid, dir.resolve("a.bin")).join();

        // Backoff 1 s with the fixture's jitter of 0.5: half of it plus half of the other half.
        assertThat(f.sleeper.delays()).containsExactly(java.time.Duration.ofMillis(750));
    }

    @Test
    void droppedDownloadIsNotResumedPastTheRetryPolicysTimeBudget() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(200, Map.of(), data.length, Arrays.copyOf(data, 40_000));
        }, rangeAnswer(data));
        AttachmentsApi api = f.builder().retry(new RetryPolicy(4, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(8), java.time.Duration.ofMillis(500))).build();

        assertThatThrownBy(() -> api.download(gid, dir.resolve("a.bin")).join())
                .hasCauseInstanceOf(AsanaTransportException.class);
        assertThat(files.requests()).hasSize(1);
    }

    @Test
    void droppedDownloadWhoseBackoffWouldOutlastTheDeadlineFailsAtOnceWithTheNetworkFailure() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(200, Map.of(), data.length, Arrays.copyOf(data, 40_000));
        }, rangeAnswer(data));
        // A 15 s backoff (20 s, jittered by the fixture's 0.5) against a 10 s deadline.
        AttachmentsApi api = f.builder().retry(new RetryPolicy(4, java.time.Duration.ofSeconds(20),
                java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(120))).build()
                .withDeadline(java.time.Duration.ofSeconds(10));

        assertThatThrownBy(() -> api.download(gid, dir.resolve("a.bin")).join())
                .cause().isInstanceOf(AsanaTransportException.class)
                .cause().isInstanceOf(java.io.IOException.class)
                .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(f.sleeper.delays()).isEmpty();
        assertThat(files.requests()).hasSize(1);
    }

    @Test
    void resumeDownloadWhoseBackoffWouldOutlastTheDeadlineFailsAtOnceAndKeepsThePartFile() throws Exception {
        Files.write(dir.resolve("a.bin.part"), Arrays.copyOf(data, 10_000));
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondTruncated(206, Map.of("Content-Range", "bytes 10000-" + (data.length - 1) + "/" + data.length),
                    data.length - 10_000, Arrays.copyOfRange(data, 10_000, 30_000));
        }, rangeAnswer(data));
        AttachmentsApi api = f.builder().retry(new RetryPolicy(4, java.time.Duration.ofSeconds(20),
                java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(120))).build()
                .withDeadline(java.time.Duration.ofSeconds(10));

        assertThatThrownBy(() -> api.resumeDownload(gid, dir.resolve("a.bin"), ProgressListener.none()).join())
                .cause().isInstanceOf(AsanaTransportException.class);
        assertThat(f.sleeper.delays()).isEmpty();
        assertThat(Files.size(dir.resolve("a.bin.part"))).isEqualTo(30_000);
    }

    @Test
    void downloadWhoseMetadataIsRateLimitedPastTheDeadlineFailsAtOnceWithTheRateLimit() {
        f.server.enqueue(Actions.rateLimited("60"));

        assertThatThrownBy(() -> f.api().withDeadline(java.time.Duration.ofSeconds(3))
                .download(gid, dir.resolve("a.bin")).join())
                .cause().isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(60)));
        assertThat(f.sleeper.delays()).isEmpty();
        assertThat(files.requests()).isEmpty();
    }

    @Test
    void rateLimitFromTheDownloadHostFailsAtOnceWithItsRetryAfter() {
        apiAnswersWithDownloadUrl(data.length);
        files.enqueue(Actions.rateLimited("60"));

        assertThatThrownBy(() -> f.api().withDeadline(java.time.Duration.ofSeconds(3))
                .download(gid, dir.resolve("a.bin")).join())
                .cause().isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(60)));
        assertThat(f.sleeper.delays()).isEmpty();
        assertThat(files.requests()).hasSize(1);
    }

    @Test
    void cancelledDownloadStopsAndKeepsItsPartFileForResume() throws Exception {
        apiAnswersWithDownloadUrl(data.length);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        files.enqueue(ex -> {
            ex.recordHeadOnly();
            ex.respondPartially(200, Map.of(), data.length, Arrays.copyOf(data, 40_000));
            gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
        });
        java.util.concurrent.CompletableFuture<Void> got40k = new java.util.concurrent.CompletableFuture<>();
        Path target = dir.resolve("a.bin");
        try (AttachmentsApi api = f.api()) {
            java.util.concurrent.CompletableFuture<Path> download = api.download(gid, target, (n, total) -> {
                if (n >= 40_000) {
                    got40k.complete(null);
                }
            });
            got40k.get(10, java.util.concurrent.TimeUnit.SECONDS);

            download.cancel(true);

            assertThat(download.isCancelled()).isTrue();
        } finally {
            gate.countDown();
        }
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("a.bin.part")).hasBinaryContent(Arrays.copyOf(data, 40_000));
    }
}
