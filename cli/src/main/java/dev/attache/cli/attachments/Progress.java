package dev.attache.cli.attachments;

import dev.attache.client.ProgressListener;

/**
 * Progress of several transfers at once: a bar per file and one for the total. Either draws bars
 * on a terminal or does nothing. Thread-safe.
 */
interface Progress extends AutoCloseable {

    /**
     * Starts a bar for one file.
     *
     * @param name the file's name
     * @param size its size, or -1 when unknown
     * @return hears the file's progress; {@link FileProgress#close()} ends its bar
     */
    FileProgress file(String name, long size);

    /** Ends every bar. */
    @Override
    void close();

    /**
     * Chooses bars or silence.
     *
     * @param terminal the process's terminal
     * @param quiet    whether {@code --quiet} was given
     * @param total    the sum of the sizes, for the total bar
     * @return bars when standard error is a terminal and not quiet, else nothing
     */
    static Progress of(Terminal terminal, boolean quiet, long total) {
        return quiet || !terminal.stderrIsTerminal() ? none() : new ProgressBars(terminal.progressStream(), total);
    }

    /**
     * Progress that draws nothing.
     *
     * @return the silent progress
     */
    static Progress none() {
        return new Progress() {
            @Override
            public FileProgress file(String name, long size) {
                return FileProgress.NONE;
            }

            @Override
            public void close() {
            }
        };
    }

    /** One file's bar. */
    interface FileProgress extends ProgressListener, AutoCloseable {

        /** A bar that draws nothing. */
        FileProgress NONE = new FileProgress() {
            @Override
            public void onProgress(long bytes, long total) {
            }

            @Override
            public void close() {
            }
        };

        @Override
        void close();
    }
}
