package dev.attache.server.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import dev.attache.server.blob.BlobStore;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Writes a range of a blob as the response body, after the headers (with Content-Length) are set.
 * A blob in a local file goes from the page cache to the socket through a memory mapping, so its bytes
 * never enter the Java heap; a small one is read with one positional read, which is cheaper than
 * mapping. Blobs without a local file, or a response that is not Jetty's, are copied as a stream.
 */
final class BlobBody {

    /** Below this, one read into the heap costs less than mapping and unmapping. */
    static final int MAPPING_THRESHOLD = 64 * 1024;
    /** The most one mapping covers; a ByteBuffer holds at most Integer.MAX_VALUE bytes. */
    private static final long MAX_WINDOW = 1L << 30;

    private BlobBody() {
    }

    /** Writes {@code length} bytes from {@code offset}; the number written. */
    static long write(HttpServletResponse response, BlobStore.Blob blob, long offset, long length) throws IOException {
        OutputStream out = response.getOutputStream();
        Optional<Path> file = blob.localFile();
        if (file.isPresent() && out instanceof HttpOutput jetty) {
            return fromFile(jetty, file.get(), offset, length);
        }
        try (InputStream in = blob.openRange(offset, length)) {
            long copied = in.transferTo(out);
            out.flush();
            return copied;
        }
    }

    private static long fromFile(HttpOutput out, Path file, long offset, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (length < MAPPING_THRESHOLD) {
                ByteBuffer bytes = ByteBuffer.allocate((int) length);
                while (bytes.hasRemaining()) {
                    if (channel.read(bytes, offset + bytes.position()) < 0) {
                        throw new IOException("Blob file ended before " + length + " bytes: " + file.getFileName());
                    }
                }
                out.write(bytes.flip());
            } else {
                for (long done = 0; done < length; ) {
                    long window = Math.min(MAX_WINDOW, length - done);
                    out.write(channel.map(FileChannel.MapMode.READ_ONLY, offset + done, window));
                    done += window;
                }
            }
            out.flush();
            return length;
        }
    }
}
