package dev.attache.server.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on local files. */
class FileBlobStoreContractTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BlobStore store() throws IOException {
        return FileBlobStore.open(dir.resolve("blobs"));
    }

    @Override
    protected BlobStore unreachableStore() throws IOException {
        Path root = dir.resolve("gone");
        BlobStore store = FileBlobStore.open(root);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return store;
    }

    @Override
    protected int partialWrites() throws IOException {
        Path tmp = dir.resolve("blobs").resolve("tmp");
        try (Stream<Path> parts = Files.list(tmp)) {
            return (int) parts.count();
        }
    }

    @Override
    protected int largeBlobSize() {
        // Past the 16 MiB at which a writer starts flushing to disk in the background.
        return 17 << 20;
    }

    @Override
    protected void agePartialWrites() {
        // The file store is owned by one process, so every partial write is stale when it sweeps.
    }
}
