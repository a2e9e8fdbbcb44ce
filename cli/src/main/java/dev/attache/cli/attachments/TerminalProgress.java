package dev.attache.cli.attachments;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Draws a {@link ProgressModel} on a terminal, redrawing its lines in place a few times a second.
 * A finished file's line is taken away and its one-line result printed in its place, so what stays
 * on screen is one line per file. Thread-safe.
 */
final class TerminalProgress implements Progress {

    private static final String ERASE_TO_END = "\u001b[J";

    private final PrintStream terminal;
    private final ProgressModel model;
    private final ScheduledExecutorService redraws;
    private int drawn;

    private TerminalProgress(PrintStream terminal, ProgressModel model, ScheduledExecutorService redraws) {
        this.terminal = terminal;
        this.model = model;
        this.redraws = redraws;
    }

    /** Draws {@code model} on {@code terminal}, redrawing every 200 ms until closed. */
    static TerminalProgress start(PrintStream terminal, ProgressModel model) {
        ScheduledExecutorService redraws = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attache-progress");
            t.setDaemon(true);
            return t;
        });
        TerminalProgress progress = new TerminalProgress(terminal, model, redraws);
        redraws.scheduleAtFixedRate(progress::redraw, 200, 200, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** For tests: draws only when told to. */
    static TerminalProgress manual(PrintStream terminal, ProgressModel model) {
        ScheduledExecutorService none = Executors.newSingleThreadScheduledExecutor();
        return new TerminalProgress(terminal, model, none);
    }

    @Override
    public FileProgress file(String name, long size, long alreadyHave) {
        int id = model.start(name, size, alreadyHave);
        return new FileProgress() {
            @Override
            public void onProgress(long bytes, long total) {
                model.update(id, bytes);
            }

            @Override
            public void finish(boolean succeeded) {
                model.finish(id, succeeded);
                redraw();
            }
        };
    }

    @Override
    public synchronized void printAbove(Runnable print) {
        erase();
        print.run();
        draw();
    }

    synchronized void redraw() {
        erase();
        draw();
    }

    @Override
    public synchronized void close() {
        redraws.shutdownNow();
        erase();
    }

    private void erase() {
        if (drawn > 0) {
            terminal.print("\r\u001b[" + drawn + "A" + ERASE_TO_END);
            terminal.flush();
            drawn = 0;
        }
    }

    private void draw() {
        List<String> lines = model.lines();
        for (String line : lines) {
            terminal.print(line + "\n");
        }
        terminal.flush();
        drawn = lines.size();
    }
}
