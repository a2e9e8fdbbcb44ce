package dev.attache.server.download;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.LongConsumer;

import dev.attache.server.blob.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * Writes a range of a blob as the response body, after the headers (with Content-Length) are set.
 * A blob in a local file is read with positional reads into one of Jetty's pooled direct buffers and
 * written to the socket from there, so its bytes never enter the Java heap and nothing is allocated per
 * request. (A memory mapping would save one more copy, but its pages stay mapped, and a deleted blob's
 * disk space stays taken, until a garbage collection happens to unmap it.) Blobs without a local file,
 * or a request that is not Jetty's, are copied as a stream.
 */
final class BlobBody {

    /** Large enough that a 100 MiB body takes a few hundred system calls, not thousands. */
    static final int CHUNK = 256 * 1024;

    private BlobBody() {
    }

    /**
     * Writes {@code length} bytes from {@code offset}, telling {@code sent} of each chunk just before it
     * is handed to Jetty. Counted then, not after the flush: the last write can complete the response,
     * and a client (or a test reading /metrics) may act on it before this thread runs again.
     */
    static void write(HttpServletRequest request, HttpServletResponse response, BlobStore.Blob blob,
                      long offset, long length, LongConsumer sent) throws IOException {
        OutputStream out = response.getOutputStream();
        Optional<Path> file = blob.localFile();
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (file.isPresent() && jetty != null && out instanceof HttpOutput http) {
            fromFile(jetty, http, file.get(), offset, length, sent);
            return;
        }
        try (InputStream in = blob.openRange(offset, length)) {
            in.transferTo(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    sent.accept(len);
                    out.write(b, off, len);
                }
            });
            out.flush();
        }
    }

    private static void fromFile(ServletContextRequest request, HttpOutput out, Path file, long offset, long length,
                                 LongConsumer sent) throws IOException {
        RetainableByteBuffer pooled = request.getComponents().getByteBufferPool()
                .acquire((int) Math.min(CHUNK, Math.max(1, length)), true);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = pooled.getByteBuffer();
            long done = 0;
            while (done < length) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), length - done));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + done + buffer.position()) < 0) {
                        throw new IOException("Blob file ended before " + length + " bytes: " + file.getFileName());
                    }
                }
                buffer.flip();
                done += buffer.remaining();
                sent.accept(buffer.remaining());
                out.write(buffer);
            }
            out.flush();
        } finally {
            pooled.release();
        }
    }
}
