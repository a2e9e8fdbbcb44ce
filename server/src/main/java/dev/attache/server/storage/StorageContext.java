package dev.attache.server.storage;

import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.attache.server.blob.BlobStore;

/**
 * What storage is opened with besides its configuration: the clock, the opener of external blob
 * stores, and a wrapper around the blob store, through which tests inject faults into the bytes'
 * path without knowing which store sits below. Immutable.
 *
 * @param clock       the clock for gids, leases, intents and sweeps
 * @param blobStores  opens {@code --blob-store} URIs
 * @param wrapBlobs   applied to the store that holds the bytes (file or S3), below the upload intents
 */
public record StorageContext(Clock clock, BlobStoreOpener blobStores, UnaryOperator<BlobStore> wrapBlobs) {

    public StorageContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(blobStores, "blobStores");
        Objects.requireNonNull(wrapBlobs, "wrapBlobs");
    }

    /** The system clock, no external blob stores, nothing wrapped. */
    public static StorageContext defaults() {
        return new StorageContext(Clock.systemUTC(), BlobStoreOpener.NONE, UnaryOperator.identity());
    }

    public StorageContext withClock(Clock value) {
        return new StorageContext(value, blobStores, wrapBlobs);
    }

    public StorageContext withBlobStores(BlobStoreOpener value) {
        return new StorageContext(clock, value, wrapBlobs);
    }

    public StorageContext withBlobWrapper(UnaryOperator<BlobStore> value) {
        return new StorageContext(clock, blobStores, value);
    }
}
