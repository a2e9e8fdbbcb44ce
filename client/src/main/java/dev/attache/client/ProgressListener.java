package dev.attache.client;

/**
 * Hears how many bytes of a file have moved so far. Called from HTTP client threads, possibly
 * many times a second; keep it quick and do not block.
 *
 * <p>On a retried or resumed transfer the count can go back (a retried upload starts again at
 * zero); the last call before success reports the full size.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Reports progress.
     *
     * @param bytes bytes of the file transferred so far in this attempt
     * @param total the file's size, or -1 when unknown
     */
    void onProgress(long bytes, long total);

    /**
     * A listener that ignores everything.
     *
     * @return the listener
     */
    static ProgressListener none() {
        return (bytes, total) -> { };
    }
}
