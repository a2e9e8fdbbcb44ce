package dev.attache.storage.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An S3Mock of a test's own that can crash: {@link #kill()} sends SIGKILL, {@link #start()} starts a new
 * process on the same port and store root, which finds the objects the killed one had stored; and that
 * can stand still: {@link #pause()} and {@link #resume()}. One
 * bucket, created at the first start. Closing it stops the process; the store root is the caller's.
 *
 * <p>S3Mock itself is not crash-safe: it rewrites one file per bucket (its index of keys) in place on
 * every PUT, multipart start or abort and delete, so a kill that lands inside that write leaves the
 * index empty or cut short, and the restarted S3Mock then answers 500 to every request on the bucket
 * ({@code storage-s3/faults/s3mock-kill9.sh} shows it with curl alone). A test that must not lose
 * acknowledged objects kills it only while none of those requests is in flight.
 */
public final class KillableS3Mock implements AutoCloseable {

    private final Path root;
    private final String bucket;
    private final int httpPort;
    private final int httpsPort;
    private S3MockProcess process;

    private KillableS3Mock(Path root, String bucket, int httpPort, int httpsPort) {
        this.root = root;
        this.bucket = bucket;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Starts S3Mock over a store root with one bucket; returns once it accepts requests. */
    public static KillableS3Mock start(Path root, String bucket) {
        try {
            Files.createDirectories(root);
            KillableS3Mock mock = new KillableS3Mock(root, bucket, S3MockProcess.freePort(), S3MockProcess.freePort());
            mock.start();
            return mock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process again after {@link #kill()}, on the same port and root; returns once it accepts requests. */
    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("S3Mock is running");
        }
        process = S3MockProcess.start(root, httpPort, httpsPort, List.of(bucket), true);
    }

    /** SIGKILL, then waits until the process is gone. */
    public synchronized void kill() {
        process.kill();
        process = null;
    }

    /** SIGSTOP: the process stands still, its connections open and unanswered, until {@link #resume()}. */
    public synchronized void pause() {
        process.signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        process.signal("CONT");
    }

    /** The plain-HTTP endpoint; the same across restarts. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** {@code s3://BUCKET}. */
    public String blobStoreUri() {
        return "s3://" + bucket;
    }

    /** S3Mock's index of the bucket's keys, which its crash can break. */
    public Path bucketIndex() {
        return root.resolve(bucket).resolve("bucketMetadata.json");
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
