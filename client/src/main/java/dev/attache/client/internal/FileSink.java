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
    private final boolean append;
    private @Nullable FileChannel channel;
    private boolean abandoned;

    /**
     * Creates a sink for {@code target} that starts {@code target.part} afresh.
     *
     * @param target where the finished file goes
     */
    public FileSink(Path target) {
        this(target, false);
    }

    private FileSink(Path target, boolean append) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.append = append;
    }

    /**
     * Creates a sink for {@code target} that appends to the {@code target.part} an earlier,
     * interrupted download left, if any.
     *
     * @param target where the finished file goes
     * @return the sink
     */
    public static FileSink resuming(Path target) {
        return new FileSink(target, true);
    }

    /**
     * The bytes already in {@code target.part}, which an appending sink keeps.
     *
     * @return the length, or 0 when there is no partial file or the sink starts afresh
     * @throws IOException if the partial file's size cannot be read
     */
    public long existingLength() throws IOException {
        return append && Files.isRegularFile(part) ? Files.size(part) : 0;
    }

    /**
     * Empties {@code target.part}, for when the bytes kept cannot belong to the file.
     *
     * @throws IOException if the partial file cannot be removed
     */
    public synchronized void restart() throws IOException {
        close();
        Files.deleteIfExists(part);
    }

    @Override
    public synchronized void write(ByteBuffer buffer) throws IOException {
        if (abandoned) {
            // A cancelled exchange may still hand over a last buffer; it must not reopen the file.
            throw new IOException("the download was stopped");
        }
        if (channel == null) {
            channel = append
                    ? FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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

    /** Closes and deletes the partial file; later writes fail. */
    public synchronized void discard() {
        abandoned = true;
        try {
            close();
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // Best effort: a stale .part file is harmless and overwritten by the next download.
        }
    }

    /** Closes the partial file and keeps it for a later resume; later writes fail. */
    public synchronized void abandon() {
        abandoned = true;
        try {
            close();
        } catch (IOException e) {
            // The bytes written are on disk either way; a resume checks the length it finds.
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
