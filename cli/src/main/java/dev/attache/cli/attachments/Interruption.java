package dev.attache.cli.attachments;

/**
 * What runs when the process is told to stop (Ctrl-C, {@code SIGTERM}) while a batch is running: a
 * shutdown hook, there for as long as the batch is. Without one, the JVM exits mid-line: bars stay on
 * the screen and nothing says what finished.
 */
final class Interruption implements AutoCloseable {

    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    /**
     * Runs {@code whenInterrupted} if the process is stopped before {@link #close()}.
     *
     * @param whenInterrupted says what the batch finished; runs on its own thread while the batch's
     *                        threads still run
     * @return the watch, to close when the batch ends
     */
    static Interruption watch(Runnable whenInterrupted) {
        Thread hook = new Thread(whenInterrupted, "attache-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Interruption(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; it says what happened.
        }
    }
}
