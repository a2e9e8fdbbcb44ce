package dev.attache.storage.s3;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A reproducible stream of pseudo-random bytes, so two JVMs agree on content without sharing it.
 * Both must read it in buffers of the same size.
 */
final class GeneratedBytes {

    private final SplittableRandom random = new SplittableRandom(8);
    private long remaining;

    GeneratedBytes(long size) {
        this.remaining = size;
    }

    /** Fills the buffer, which with the next bytes; false once all were given. */
    boolean fill(ByteBuffer buffer) {
        if (remaining == 0) {
            return false;
        }
        int n = (int) Math.min(buffer.remaining(), remaining);
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        buffer.put(bytes);
        remaining -= n;
        return true;
    }
}
