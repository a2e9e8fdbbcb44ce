package dev.attache.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What is on disk in a data directory's blob store, for tests that check nothing was left behind. */
public final class BlobFiles {

    private BlobFiles() {
    }

    /** Every regular file under blobs/ (committed objects and partial writes). */
    public static List<Path> all(Path dataDir) {
        Path root = dataDir.resolve("blobs");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
