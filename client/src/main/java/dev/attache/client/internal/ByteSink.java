package dev.attache.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where downloaded bytes go, strictly appended in order. */
public interface ByteSink {

    /**
     * Appends the buffer's remaining bytes.
     *
     * @param buffer the bytes
     * @throws IOException if they cannot be written
     */
    void write(ByteBuffer buffer) throws IOException;
}
