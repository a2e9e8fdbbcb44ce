package dev.attache.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attache.server.blob.BlobWriter;
import dev.attache.server.testing.MutableClock;
import dev.attache.storage.s3.testing.S3Mock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** What only the S3 store does: prefixes in a shared bucket, multipart uploads, and other nodes' live uploads. */
class S3BlobStoreIT {

    @RegisterExtension
    static final S3Mock S3 = new S3Mock();

    private static final int PART = S3Settings.MIN_PART_SIZE;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<S3BlobStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(S3BlobStore::close);
    }

    @Test
    void blobIsAnObjectUnderThePrefix() throws IOException {
        S3BlobStore store = store();

        String key = commit(store, new byte[100]);

        assertThat(S3.client().headObject(b -> b.bucket(S3.bucket()).key(store.location().prefix() + key)).contentLength())
                .isEqualTo(100);
    }

    @Test
    void forEachSkipsObjectsTheStoreDidNotWrite() throws IOException {
        S3BlobStore store = store();
        String key = commit(store, new byte[10]);
        S3.client().putObject(b -> b.bucket(S3.bucket()).key(store.location().prefix() + "README.txt"), RequestBody.fromString("hi"));

        List<String> keys = new ArrayList<>();
        store.forEach(b -> keys.add(b.key()));

        assertThat(keys).containsExactly(key);
    }

    @Test
    void storesUnderOtherPrefixesDoNotSeeEachOther() throws IOException {
        S3BlobStore a = store();
        S3BlobStore b = store();
        commit(a, new byte[10]);

        List<String> keys = new ArrayList<>();
        b.forEach(blob -> keys.add(blob.key()));

        assertThat(keys).isEmpty();
    }

    @Test
    void blobWithinOnePartIsSentOnlyAtCommit() throws IOException {
        S3BlobStore store = store();
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(new byte[PART]));

            assertThat(S3.unfinishedUploads(store.location())).isZero();
            assertThat(S3.objects(store.location())).isZero();
        }
    }

    @Test
    void multipartBlobCarriesTheChecksumsS3Verified() throws IOException {
        S3BlobStore store = store();

        String key = commit(store, new byte[PART + 1]);

        String checksum = S3.client().headObject(b -> b.bucket(S3.bucket()).key(store.location().prefix() + key)
                .checksumMode(ChecksumMode.ENABLED)).checksumSHA256();
        assertThat(checksum).as("composite SHA-256 of the parts").isNotBlank();
    }

    @Test
    void uploadAbortedBehindTheWritersBackFailsTheWriteAndLeavesNothing() throws IOException {
        S3BlobStore store = store();
        BlobWriter writer = store.create();
        writer.write(ByteBuffer.wrap(new byte[PART + 1]));
        abortEveryUpload(store.location());

        // The failure shows at the next write that waits for the part, or at the latest at commit.
        assertThatThrownBy(() -> {
            writer.write(ByteBuffer.wrap(new byte[PART]));
            writer.commit();
        }).isInstanceOf(IOException.class);

        assertThat(store.open(writer.key())).isEmpty();
        assertThat(S3.unfinishedUploads(store.location())).isZero();
        assertThat(S3.objects(store.location())).isZero();
    }

    @Test
    void deleteTemporariesLeavesAnUploadYoungerThanTheGracePeriod() throws IOException {
        S3BlobStore store = store();
        try (BlobWriter live = store.create()) {
            live.write(ByteBuffer.wrap(new byte[PART + 1]));
            clock.advance(S3Settings.DEFAULT_STALE_UPLOAD_AFTER.minus(Duration.ofMinutes(1)));

            int removed = store.deleteTemporaries();

            assertThat(removed).isZero();
            live.commit();
            assertThat(store.open(live.key()).orElseThrow().size()).isEqualTo(PART + 1);
        }
    }

    @Test
    void gracePeriodIsASetting() throws IOException {
        S3BlobStore store = open(S3.settings("grace-" + UUID.randomUUID()).withPartSize(PART)
                .withStaleUploadAfter(Duration.ofMinutes(10)));
        BlobWriter abandoned = store.create();
        abandoned.write(ByteBuffer.wrap(new byte[PART + 1]));
        clock.advance(Duration.ofMinutes(11));

        assertThat(store.deleteTemporaries()).isEqualTo(1);
        assertThat(S3.unfinishedUploads(store.location())).isZero();
    }

    @Test
    void deleteTemporariesLeavesStaleUploadsUnderOtherPrefixes() throws IOException {
        S3BlobStore other = store();
        BlobWriter abandoned = other.create();
        abandoned.write(ByteBuffer.wrap(new byte[PART + 1]));
        S3BlobStore store = store();
        clock.advance(S3Settings.DEFAULT_STALE_UPLOAD_AFTER.plus(Duration.ofMinutes(1)));

        assertThat(store.deleteTemporaries()).isZero();
        assertThat(S3.unfinishedUploads(other.location())).isEqualTo(1);
        abandoned.abort();
    }

    @Test
    void rangeClosedEarlyLeavesTheStoreUsable() throws IOException {
        S3BlobStore store = store();
        String key = commit(store, new byte[PART]);
        try (InputStream in = store.open(key).orElseThrow().openRange(0, PART)) {
            assertThat(in.read(new byte[10])).isPositive();
        }

        try (InputStream in = store.open(key).orElseThrow().openRange(PART - 10, 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void writerOfAClosedStoreFailsAndLeavesNothing() throws IOException {
        S3BlobStore store = store();
        BlobWriter writer = store.create();
        store.close();

        assertThatThrownBy(() -> {
            writer.write(ByteBuffer.wrap(new byte[PART + 1]));
            writer.commit();
        }).isInstanceOf(IOException.class);
        assertThat(S3.objects(store.location())).isZero();
    }

    private S3BlobStore store() {
        return open(S3.settings("it-" + UUID.randomUUID()).withPartSize(PART));
    }

    private S3BlobStore open(S3Settings settings) {
        S3BlobStore store = S3BlobStore.open(settings, clock);
        opened.add(store);
        return store;
    }

    private static String commit(S3BlobStore store, byte[] data) throws IOException {
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(data));
            writer.commit();
            return writer.key();
        }
    }

    private static void abortEveryUpload(S3Location location) {
        for (MultipartUpload u : S3.client().listMultipartUploadsPaginator(b -> b.bucket(location.bucket())
                .prefix(location.prefix())).uploads()) {
            S3.client().abortMultipartUpload(b -> b.bucket(location.bucket()).key(u.key()).uploadId(u.uploadId()));
        }
    }
}
