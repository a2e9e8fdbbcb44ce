package dev.attache.server.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;

/**
 * A blob store shared by several nodes: records an {@link UploadIntents upload intent} for each blob
 * before its first byte is written, touches it while bytes keep arriving and again just before the
 * commit, so a sweep on another node can tell a live upload from a dead one. Thread-safe.
 */
public final class IntentRecordingBlobStore extends ForwardingBlobStore {

    private final UploadIntents intents;
    private final Clock clock;
    private final Duration touchEvery;

    /**
     * @param touchEvery how often a long upload refreshes its intent; well below the sweep's grace period
     */
    public IntentRecordingBlobStore(BlobStore delegate, UploadIntents intents, Clock clock, Duration touchEvery) {
        super(delegate);
        this.intents = intents;
        this.clock = clock;
        this.touchEvery = touchEvery;
    }

    @Override
    public BlobWriter create() throws IOException {
        BlobWriter writer = delegate().create();
        try {
            intents.record(writer.key());
        } catch (RuntimeException e) {
            writer.abort();
            throw new IOException("could not record the upload intent for blob " + writer.key(), e);
        }
        return new Writer(writer);
    }

    @Override
    public int deleteTemporaries() throws IOException {
        throw new UnsupportedOperationException("a shared blob store has uploads of other nodes in progress; "
                + "only the orphan sweep may remove partial writes");
    }

    private final class Writer implements BlobWriter {

        private final BlobWriter writer;
        private long lastTouch = clock.millis();
        private boolean committed;

        Writer(BlobWriter writer) {
            this.writer = writer;
        }

        @Override
        public String key() {
            return writer.key();
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            writer.write(bytes);
            if (clock.millis() - lastTouch >= touchEvery.toMillis()) {
                touch();
            }
        }

        @Override
        public void commit() throws IOException {
            // The row that replaces the intent follows the commit at once; a fresh intent covers the gap.
            touch();
            writer.commit();
            committed = true;
        }

        @Override
        public void abort() {
            if (committed) {
                // The intent guards the committed bytes until the attachment's row takes over.
                return;
            }
            writer.abort();
            try {
                intents.forget(writer.key());
            } catch (RuntimeException e) {
                // The sweep drops intents that stay untouched past the grace period.
            }
        }

        private void touch() throws IOException {
            try {
                intents.touch(writer.key());
                lastTouch = clock.millis();
            } catch (RuntimeException e) {
                throw new IOException("could not refresh the upload intent for blob " + writer.key(), e);
            }
        }
    }
}
