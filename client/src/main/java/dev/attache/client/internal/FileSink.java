package dev.attache.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Writes a download into {@code <target>.part}, created only when the first byte arrives, and
 * moves it onto the target when complete; an error response never touches the file system.
 * Used by one download at a time.
 */
public final class FileSink implements ByteSink, AutoCloseable {

    private final Path target;
    private final Path part;
    private @Nullable FileChannel channel;

    /**
     * Creates a sink for {@code target}.
     *
     * @param target where the finished file goes
     */
    public FileSink(Path target) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
    }

    @Override
    public synchronized void write(ByteBuffer buffer) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Closes the partial file and moves it onto the target (creating an empty target when no byte
     * arrived).
     *
     * @return the target
     * @throws IOException if the move fails
     */
    public synchronized Path commit() throws IOException {
        close();
        if (!Files.exists(part)) {
            Files.createFile(part);
        }
        return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes the partial file. */
    public synchronized void discard() {
        try {
            close();
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // Best effort: a stale .part file is harmless and overwritten by the next download.
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
