package dev.attache.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Blobs as files: {@code objects/ab/abcdef...} under a root directory. A write goes to a temporary
 * file in {@code tmp/} on the same file system; commit fsyncs it, renames it atomically into place and
 * fsyncs the directory, so after a crash a blob is either whole under its key or absent. Thread-safe.
 */
public final class FileBlobStore implements BlobStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    /** How many bytes a writer lets the kernel hold before it asks for them to be written out. */
    private static final long WRITE_BACK_BYTES = 16L << 20;

    private final Path objects;
    private final Path tmp;
    private final Executor writeBack;
    private final SecureRandom random = new SecureRandom();

    private FileBlobStore(Path root, Executor writeBack) {
        this.objects = root.resolve("objects");
        this.tmp = root.resolve("tmp");
        this.writeBack = writeBack;
    }

    /** Opens a store under a root directory, creating its folders; all disk writes happen on the caller's thread. */
    public static FileBlobStore open(Path root) throws IOException {
        return open(root, Runnable::run);
    }

    /**
     * Opens a store whose writers flush to disk in the background while an upload is still arriving,
     * so the fsync at commit has little left to do. Large uploads finish sooner; durability is
     * unchanged, since commit still forces everything before it returns.
     */
    public static FileBlobStore open(Path root, Executor writeBack) throws IOException {
        FileBlobStore store = new FileBlobStore(root, writeBack);
        Files.createDirectories(store.objects);
        Files.createDirectories(store.tmp);
        return store;
    }

    @Override
    public BlobWriter create() throws IOException {
        String key = newKey();
        Path part = tmp.resolve(key + ".part");
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FileBlobWriter(key, part, channel);
    }

    @Override
    public Optional<Blob> open(String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path file = pathOf(key);
        try {
            long size = Files.size(file);
            return Optional.of(new FileBlob(file, size));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        if (KEY.matcher(key).matches()) {
            Files.deleteIfExists(pathOf(key));
        }
    }

    @Override
    public void forEach(Consumer<StoredBlob> consumer) throws IOException {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(objects)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (KEY.matcher(name).matches()) {
                            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                            consumer.accept(new StoredBlob(name, attrs.size(), attrs.lastModifiedTime().toInstant()));
                        }
                    }
                }
            }
        }
    }

    @Override
    public int deleteTemporaries() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp)) {
            for (Path part : parts) {
                if (Files.deleteIfExists(part)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public void forEachPartial(Consumer<StoredBlob> consumer) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path part : parts) {
                String key = part.getFileName().toString().replace(".part", "");
                if (KEY.matcher(key).matches()) {
                    try {
                        BasicFileAttributes attrs = Files.readAttributes(part, BasicFileAttributes.class);
                        consumer.accept(new StoredBlob(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                    } catch (NoSuchFileException committedOrAborted) {
                        // Finished between the listing and now.
                    }
                }
            }
        }
    }

    @Override
    public void deletePartial(String key) throws IOException {
        if (KEY.matcher(key).matches()) {
            Files.deleteIfExists(tmp.resolve(key + ".part"));
        }
    }

    @Override
    public boolean keepsLocalFiles() {
        return true;
    }

    @Override
    public boolean isHealthy() {
        return Files.isDirectory(objects) && Files.isWritable(tmp);
    }

    private String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private Path pathOf(String key) {
        return objects.resolve(key.substring(0, 2)).resolve(key);
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private final class FileBlobWriter implements BlobWriter {

        private final String key;
        private final Path part;
        private final FileChannel channel;
        private boolean finished;
        private long unflushed;
        private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

        FileBlobWriter(String key, Path part, FileChannel channel) {
            this.key = key;
            this.part = part;
            this.channel = channel;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                unflushed += channel.write(bytes);
            }
            if (unflushed >= WRITE_BACK_BYTES && flushing.isDone()) {
                unflushed = 0;
                flushing = CompletableFuture.runAsync(this::flushQuietly, writeBack);
            }
        }

        private void flushQuietly() {
            try {
                channel.force(false);
            } catch (IOException e) {
                // Only an early start on the work; commit's own force reports any failure.
            }
        }

        @Override
        public void commit() throws IOException {
            if (finished) {
                throw new IllegalStateException("blob " + key + " was already committed or aborted");
            }
            flushing.join();
            channel.force(true);
            channel.close();
            Path target = pathOf(key);
            Path shard = target.getParent();
            if (!Files.isDirectory(shard)) {
                Files.createDirectories(shard);
                fsyncDirectory(objects);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the blob store's tmp/ and objects/ must be on one file system", e);
            }
            fsyncDirectory(shard);
            finished = true;
        }

        @Override
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            flushing.join();
            try {
                channel.close();
            } catch (IOException ignored) {
                // The file is deleted next; a failed close changes nothing.
            }
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // Left for the start-up sweep of tmp/.
            }
        }
    }

    private record FileBlob(Path file, long size) implements Blob {
        @Override
        public InputStream openRange(long offset, long length) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        }

        @Override
        public Optional<Path> localFile() {
            return Optional.of(file);
        }
    }
}
