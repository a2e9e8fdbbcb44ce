package dev.attache.client.internal;

import dev.attache.client.ProgressListener;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a download body into a {@link ByteSink}, first discarding {@code skip} bytes (when a
 * server ignored our {@code Range} and sent everything again), and counting what was written so a
 * dropped connection can resume where it stopped.
 */
final class SinkSubscriber implements BodySubscriber<Long> {

    private final ByteSink sink;
    private final AtomicLong written;
    private final ProgressListener progress;
    private final long total;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private long skip;
    private Flow.Subscription subscription;

    SinkSubscriber(ByteSink sink, long skip, AtomicLong written, ProgressListener progress, long total) {
        this.sink = sink;
        this.skip = skip;
        this.written = written;
        this.progress = progress;
        this.total = total;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer b : buffers) {
                write(b);
            }
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            result.completeExceptionally(new LocalWriteException(e));
        }
    }

    private void write(ByteBuffer b) throws IOException {
        if (skip > 0) {
            int drop = (int) Math.min(skip, b.remaining());
            b.position(b.position() + drop);
            skip -= drop;
        }
        if (b.hasRemaining()) {
            int n = b.remaining();
            sink.write(b);
            progress.onProgress(written.addAndGet(n), total);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(written.get());
    }

    /** The sink failed: a local problem, never retried as a network failure. */
    static final class LocalWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(IOException cause) {
            super(cause);
        }
    }
}
