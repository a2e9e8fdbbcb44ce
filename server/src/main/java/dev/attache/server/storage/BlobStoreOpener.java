package dev.attache.server.storage;

import java.io.IOException;
import java.net.URI;

import dev.attache.server.blob.BlobStore;

/**
 * Opens the blob store a {@code --blob-store} URI names. The server module has no S3 client of its
 * own (the AWS SDK stays in {@code attache-storage-s3}); the composition root that has one passes it
 * here. A store that is also {@link AutoCloseable} is closed with the storage.
 */
@FunctionalInterface
public interface BlobStoreOpener {

    /** Refuses every URI: for servers built without an external store. */
    BlobStoreOpener NONE = location -> {
        throw new IllegalArgumentException("this server was built without support for --blob-store " + location
                + "; the attache command has it");
    };

    /**
     * @throws IllegalArgumentException when the URI is malformed or names a store this opener cannot reach
     * @throws IOException              when the store does not answer
     */
    BlobStore open(URI location) throws IOException;
}
