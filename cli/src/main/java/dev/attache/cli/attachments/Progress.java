package dev.attache.cli.attachments;

import dev.attache.client.ProgressListener;

/**
 * Progress of several transfers at once: a line per file in flight and one for the total. Either
 * draws on a terminal or does nothing. Thread-safe.
 */
interface Progress extends AutoCloseable {

    /**
     * Starts a line for one file.
     *
     * @param name        the file's name
     * @param size        its size, or -1 when unknown
     * @param alreadyHave bytes a resumed transfer starts with; they count toward done, never toward speed
     * @return hears the file's progress; {@link FileProgress#finish(boolean)} removes its line
     */
    FileProgress file(String name, long size, long alreadyHave);

    /**
     * Prints a finished item's one-line result where the bars were, then draws the bars below it.
     *
     * @param print writes and flushes the line
     */
    void printAbove(Runnable print);

    /**
     * Removes every line and draws no more, while files still finish and results still print: for
     * the moment an interrupted batch ends.
     */
    void stop();

    /**
     * How far the batch got.
     *
     * @return files finished, failed, in flight and not started
     */
    ProgressModel.Tally tally();

    /** Removes every line. */
    @Override
    void close();

    /**
     * Chooses bars or silence.
     *
     * @param terminal the process's terminal
     * @param quiet    whether {@code --quiet} was given
     * @param files    how many files the batch will transfer
     * @param bytes    the sum of their sizes
     * @return bars when standard error is a terminal and not quiet, else a count without bars
     */
    static Progress of(Terminal terminal, boolean quiet, int files, long bytes) {
        ProgressModel model = new ProgressModel(files, bytes, System::nanoTime);
        return quiet || !terminal.stderrIsTerminal() ? counting(model)
                : TerminalProgress.start(terminal.progressStream(), model, terminal.screen());
    }

    /**
     * Progress that draws nothing but keeps count, for the summary of an interrupted batch.
     *
     * @param model what it counts in
     * @return the silent progress
     */
    static Progress counting(ProgressModel model) {
        return new Progress() {
            @Override
            public FileProgress file(String name, long size, long alreadyHave) {
                return FileProgress.counted(model, model.start(name, size, alreadyHave), () -> { });
            }

            @Override
            public void printAbove(Runnable print) {
                print.run();
            }

            @Override
            public void stop() {
            }

            @Override
            public ProgressModel.Tally tally() {
                return model.tally();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Progress that draws nothing.
     *
     * @return the silent progress
     */
    static Progress none() {
        return new Progress() {
            @Override
            public FileProgress file(String name, long size, long alreadyHave) {
                return FileProgress.NONE;
            }

            @Override
            public void printAbove(Runnable print) {
                print.run();
            }

            @Override
            public void stop() {
            }

            @Override
            public ProgressModel.Tally tally() {
                return new ProgressModel.Tally(0, 0, 0, 0);
            }

            @Override
            public void close() {
            }
        };
    }

    /** One file's line. */
    interface FileProgress extends ProgressListener {

        /** A line that draws nothing. */
        FileProgress NONE = new FileProgress() {
            @Override
            public void onProgress(long bytes, long total) {
            }

            @Override
            public void finish(boolean succeeded) {
            }
        };

        /**
         * Removes the line.
         *
         * @param succeeded whether the file's bytes arrived; a failed file leaves the total
         */
        void finish(boolean succeeded);

        /** A file's line kept in a model, with what to do once it finished (a redraw, or nothing). */
        static FileProgress counted(ProgressModel model, int id, Runnable afterFinish) {
            return new FileProgress() {
                @Override
                public void onProgress(long bytes, long total) {
                    model.update(id, bytes);
                }

                @Override
                public void finish(boolean succeeded) {
                    model.finish(id, succeeded);
                    afterFinish.run();
                }
            };
        }
    }
}
