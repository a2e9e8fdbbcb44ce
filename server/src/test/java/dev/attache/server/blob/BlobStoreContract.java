package dev.attache.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises, proved against a real instance. A subclass per mechanism
 * supplies a fresh, empty store for each test and a way to see partial writes, which the interface
 * hides on purpose.
 */
public abstract class BlobStoreContract {

    /** A fresh, empty store; called once per test. */
    protected abstract BlobStore store() throws IOException;

    /** A store of the same kind whose backing storage is gone, so it cannot answer. */
    protected abstract BlobStore unreachableStore() throws IOException;

    /** How many partial writes (uncommitted, unaborted) the store under test holds right now. */
    protected abstract int partialWrites() throws IOException;

    /**
     * A size that makes the store write in more than one step (for example more than one upload
     * part), so that the large-blob scenarios cross the store's internal boundaries.
     */
    protected abstract int largeBlobSize();

    /** Makes every partial write that exists now old enough for {@link BlobStore#deleteTemporaries()}. */
    protected abstract void agePartialWrites();

    @Test
    void committedBlobReadsBackWhole() throws IOException {
        BlobStore store = store();
        byte[] data = bytes(10_000, 1);

        String key = commit(store, data);

        BlobStore.Blob blob = store.open(key).orElseThrow();
        assertThat(blob.size()).isEqualTo(data.length);
        assertThat(read(blob, 0, data.length)).isEqualTo(data);
    }

    @Test
    void blobWrittenInManySmallWritesReadsBackWhole() throws IOException {
        BlobStore store = store();
        byte[] data = bytes(50_000, 2);

        String key;
        try (BlobWriter writer = store.create()) {
            for (int at = 0; at < data.length; at += 777) {
                writer.write(ByteBuffer.wrap(data, at, Math.min(777, data.length - at)));
            }
            writer.commit();
            key = writer.key();
        }

        assertThat(read(store.open(key).orElseThrow(), 0, data.length)).isEqualTo(data);
    }

    @Test
    void blobLargerThanOneWriteStepReadsBackWhole() throws IOException {
        BlobStore store = store();
        byte[] data = bytes(largeBlobSize(), 3);

        String key = commit(store, data);

        BlobStore.Blob blob = store.open(key).orElseThrow();
        assertThat(blob.size()).isEqualTo(data.length);
        assertThat(read(blob, 0, data.length)).isEqualTo(data);
    }

    @Test
    void emptyBlobCommitsWithSizeZero() throws IOException {
        BlobStore store = store();

        String key = commit(store, new byte[0]);

        BlobStore.Blob blob = store.open(key).orElseThrow();
        assertThat(blob.size()).isZero();
        assertThat(read(blob, 0, 0)).isEmpty();
    }

    @Test
    void rangeReadReturnsExactlyTheRequestedBytes() throws IOException {
        BlobStore store = store();
        byte[] data = bytes(10_000, 4);
        String key = commit(store, data);

        byte[] middle = read(store.open(key).orElseThrow(), 1_234, 5_000);

        assertThat(middle).isEqualTo(Arrays.copyOfRange(data, 1_234, 6_234));
    }

    @Test
    void rangeReadOfTheLastByteReturnsIt() throws IOException {
        BlobStore store = store();
        byte[] data = bytes(10_000, 5);
        String key = commit(store, data);

        byte[] last = read(store.open(key).orElseThrow(), 9_999, 1);

        assertThat(last).containsExactly(data[9_999]);
    }

    @Test
    void rangeReadAcrossWriteStepsReturnsExactlyTheRequestedBytes() throws IOException {
        BlobStore store = store();
        byte[] data = bytes(largeBlobSize(), 6);
        String key = commit(store, data);
        int from = largeBlobSize() / 2 - 100;

        byte[] range = read(store.open(key).orElseThrow(), from, 200);

        assertThat(range).isEqualTo(Arrays.copyOfRange(data, from, from + 200));
    }

    @Test
    void nothingIsVisibleBeforeCommit() throws IOException {
        BlobStore store = store();
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(bytes(largeBlobSize(), 7)));

            assertThat(store.open(writer.key())).isEmpty();
            assertThat(keys(store)).doesNotContain(writer.key());
        }
    }

    @Test
    void blobIsVisibleAsSoonAsCommitReturns() throws IOException {
        BlobStore store = store();
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(bytes(100, 8)));
            writer.commit();

            assertThat(store.open(writer.key())).isPresent();
            assertThat(keys(store)).containsExactly(writer.key());
        }
    }

    @Test
    void abortLeavesNoBlobAndNoPartialWrite() throws IOException {
        BlobStore store = store();
        BlobWriter writer = store.create();
        writer.write(ByteBuffer.wrap(bytes(1_000, 9)));

        writer.abort();

        assertThat(store.open(writer.key())).isEmpty();
        assertThat(keys(store)).isEmpty();
        assertThat(partialWrites()).isZero();
    }

    @Test
    void abortOfALargeWriteLeavesNoBlobAndNoPartialWrite() throws IOException {
        BlobStore store = store();
        BlobWriter writer = store.create();
        writer.write(ByteBuffer.wrap(bytes(largeBlobSize(), 10)));

        writer.abort();

        assertThat(store.open(writer.key())).isEmpty();
        assertThat(keys(store)).isEmpty();
        assertThat(partialWrites()).isZero();
    }

    @Test
    void closingAnUncommittedWriterAbortsIt() throws IOException {
        BlobStore store = store();
        String key;
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(bytes(largeBlobSize(), 11)));
            key = writer.key();
        }

        assertThat(store.open(key)).isEmpty();
        assertThat(partialWrites()).isZero();
    }

    @Test
    void abortAfterCommitKeepsTheBlob() throws IOException {
        BlobStore store = store();
        BlobWriter writer = store.create();
        writer.write(ByteBuffer.wrap(bytes(100, 12)));
        writer.commit();

        writer.abort();

        assertThat(store.open(writer.key())).isPresent();
    }

    @Test
    void secondCommitIsRefused() throws IOException {
        BlobStore store = store();
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(bytes(100, 13)));
            writer.commit();

            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void commitAfterAbortIsRefusedAndMakesNothingVisible() throws IOException {
        BlobStore store = store();
        BlobWriter writer = store.create();
        writer.write(ByteBuffer.wrap(bytes(100, 14)));
        writer.abort();

        assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
        assertThat(store.open(writer.key())).isEmpty();
    }

    @Test
    void everyWriterGetsItsOwnKey() throws IOException {
        BlobStore store = store();
        try (BlobWriter a = store.create(); BlobWriter b = store.create()) {
            assertThat(a.key()).isNotEqualTo(b.key());
        }
    }

    @Test
    void unknownKeyOpensAsEmpty() throws IOException {
        assertThat(store().open("0123456789abcdef0123456789abcdef")).isEmpty();
    }

    @Test
    void keyThatTheStoreNeverMakesOpensAsEmpty() throws IOException {
        assertThat(store().open("../../etc/passwd")).isEmpty();
    }

    @Test
    void deletedBlobIsGone() throws IOException {
        BlobStore store = store();
        String key = commit(store, bytes(100, 15));

        store.delete(key);

        assertThat(store.open(key)).isEmpty();
        assertThat(keys(store)).isEmpty();
    }

    @Test
    void deletingTwiceIsNotAnError() throws IOException {
        BlobStore store = store();
        String key = commit(store, bytes(100, 16));
        store.delete(key);

        store.delete(key);

        assertThat(store.open(key)).isEmpty();
    }

    @Test
    void deletingOneBlobLeavesTheOthers() throws IOException {
        BlobStore store = store();
        String gone = commit(store, bytes(100, 17));
        String kept = commit(store, bytes(200, 18));

        store.delete(gone);

        assertThat(keys(store)).containsExactly(kept);
    }

    @Test
    void forEachListsEveryCommittedBlobWithItsSizeAndTime() throws IOException {
        BlobStore store = store();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        String small = commit(store, bytes(100, 19));
        String large = commit(store, bytes(3_000, 20));
        Instant after = Instant.now().plusSeconds(1);

        List<BlobStore.StoredBlob> listed = new ArrayList<>();
        store.forEach(listed::add);

        assertThat(listed).extracting(BlobStore.StoredBlob::key, BlobStore.StoredBlob::size)
                .containsExactlyInAnyOrder(tuple(small, 100L),
                        tuple(large, 3_000L));
        assertThat(listed).allSatisfy(b -> assertThat(b.lastModified()).isBetween(before, after));
    }

    @Test
    void forEachOfAnEmptyStoreListsNothing() throws IOException {
        assertThat(keys(store())).isEmpty();
    }

    @Test
    void abandonedWriteIsRemovedByDeleteTemporariesOnceStale() throws IOException {
        BlobStore store = store();
        BlobWriter abandoned = store.create();
        abandoned.write(ByteBuffer.wrap(bytes(largeBlobSize(), 21)));
        assertThat(partialWrites()).isEqualTo(1);
        agePartialWrites();

        int removed = store.deleteTemporaries();

        assertThat(removed).isEqualTo(1);
        assertThat(partialWrites()).isZero();
        assertThat(store.open(abandoned.key())).isEmpty();
    }

    @Test
    void deleteTemporariesLeavesCommittedBlobs() throws IOException {
        BlobStore store = store();
        String key = commit(store, bytes(largeBlobSize(), 22));
        agePartialWrites();

        store.deleteTemporaries();

        assertThat(store.open(key)).isPresent();
    }

    @Test
    void storeThatAnswersIsHealthy() throws IOException {
        assertThat(store().isHealthy()).isTrue();
    }

    @Test
    void storeWhoseStorageIsGoneIsUnhealthy() throws IOException {
        assertThat(unreachableStore().isHealthy()).isFalse();
    }

    /** Writes and commits one blob; its key. */
    protected static String commit(BlobStore store, byte[] data) throws IOException {
        try (BlobWriter writer = store.create()) {
            writer.write(ByteBuffer.wrap(data));
            writer.commit();
            return writer.key();
        }
    }

    /** Deterministic bytes that differ by seed, so a misplaced part shows. */
    protected static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

    private static byte[] read(BlobStore.Blob blob, long offset, long length) throws IOException {
        try (InputStream in = blob.openRange(offset, length)) {
            return in.readAllBytes();
        }
    }

    private static List<String> keys(BlobStore store) throws IOException {
        List<String> keys = new ArrayList<>();
        store.forEach(b -> keys.add(b.key()));
        return keys;
    }
}
